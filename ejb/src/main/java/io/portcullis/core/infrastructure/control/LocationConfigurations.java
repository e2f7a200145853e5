package io.portcullis.core.infrastructure.control;

import com.google.protobuf.ByteString;
import io.portcullis.core.domain.model.group.Group;
import io.portcullis.core.domain.model.location.Location;
import io.portcullis.core.domain.model.network.Cidr;
import io.portcullis.core.domain.model.network.IpAddress;
import io.portcullis.core.domain.model.wireguard.WireGuardKey;
import io.portcullis.proto.gateway.v1.Interface;
import io.portcullis.proto.gateway.v1.Peer;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds what the gateways of a location must run from the committed database: the location's interface and
 * one peer per device that holds an address there and whose owner is enabled and admitted (by group).
 *
 * <p>Two queries whatever the number of devices (plus one for the allowed groups), so a location of 10,000
 * peers assembles in tens of milliseconds.
 */
@Stateless
public class LocationConfigurations {

  @PersistenceContext(unitName = "portcullis")
  private EntityManager em;

  /** The location's snapshot, or empty if the location no longer exists. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<LocationSnapshot> snapshot(long locationId) {
    Location location = em.find(Location.class, locationId);
    if (location == null) {
      return Optional.empty();
    }
    Set<Long> admittedUsers = null;
    Set<Group> groups = location.allowedGroups();
    if (!groups.isEmpty()) {
      admittedUsers =
          new HashSet<>(
              em.createQuery("select distinct u.id from User u join u.groups g where g in :groups", Long.class)
                  .setParameter("groups", groups)
                  .getResultList());
    }
    List<Object[]> rows =
        em.createQuery(
                "select d.publicKey, a.address, u.id from DeviceAddress a join a.device d join d.owner u"
                    + " where a.location = :location and u.enabled = true order by d.id, a.id",
                Object[].class)
            .setParameter("location", location)
            .getResultList();
    Map<String, Peer.Builder> peers = new LinkedHashMap<>();
    for (Object[] row : rows) {
      if (admittedUsers != null && !admittedUsers.contains((Long) row[2])) {
        continue;
      }
      String publicKey = (String) row[0];
      Peer.Builder peer =
          peers.computeIfAbsent(
              publicKey,
              k -> Peer.newBuilder().setPublicKey(ByteString.copyFrom(WireGuardKey.parse(k).bytes())));
      peer.addAllowedIps(Cidr.host(IpAddress.parse((String) row[1])).toString());
    }
    List<Peer> built = new ArrayList<>(peers.size());
    peers.values().forEach(p -> built.add(p.build()));
    return Optional.of(LocationSnapshot.of(locationId, location.name().value(), interfaceOf(location), built));
  }

  private static Interface interfaceOf(Location location) {
    Interface.Builder itf =
        Interface.newBuilder()
            .setPrivateKey(ByteString.copyFrom(location.privateKey().bytes()))
            .setListenPort(location.listenPort());
    location.interfaceAddresses().forEach(a -> itf.addAddresses(a.toString()));
    if (location.mtu() != null) {
      itf.setMtu(location.mtu());
    }
    return itf.build();
  }
}
