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
import jakarta.persistence.TypedQuery;
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
 * <p>{@link #snapshot} reads the whole location in two queries whatever the number of devices (plus one for the
 * allowed groups); {@link #peers} reads only the devices of a change, so a single update costs the same in a
 * location of ten peers or of ten thousand.
 */
@Stateless
public class LocationConfigurations {
  private static final String ROWS =
      "select d.id, u.id, d.publicKey, a.address from DeviceAddress a join a.device d join d.owner u"
          + " where a.location = :location and u.enabled = true";
  private static final String ORDER = " order by d.id, a.id";

  @PersistenceContext(unitName = "portcullis")
  private EntityManager em;

  /** The location's snapshot, or empty if the location no longer exists. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<LocationSnapshot> snapshot(long locationId) {
    Location location = em.find(Location.class, locationId);
    if (location == null) {
      return Optional.empty();
    }
    List<Object[]> rows =
        em.createQuery(ROWS + ORDER, Object[].class).setParameter("location", location).getResultList();
    return Optional.of(
        LocationSnapshot.of(locationId, location.name().value(), interfaceOf(location), entries(location, rows)));
  }

  /**
   * The peers the location has now for the devices {@code deviceIds} and the devices of {@code userIds} (none
   * for a device deleted, disabled or no longer admitted), or empty if the location no longer exists.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<List<LocationSnapshot.Entry>> peers(long locationId, Set<Long> deviceIds, Set<Long> userIds) {
    Location location = em.find(Location.class, locationId);
    if (location == null) {
      return Optional.empty();
    }
    // Two indexed lookups (device id, owner id) rather than one query with "or", which makes PostgreSQL join
    // every device of the location.
    Map<String, Object[]> rows = new LinkedHashMap<>();
    if (!deviceIds.isEmpty()) {
      rowsOf(location, " and d.id in :ids", deviceIds).forEach(r -> rows.putIfAbsent(key(r), r));
    }
    if (!userIds.isEmpty()) {
      rowsOf(location, " and u.id in :ids", userIds).forEach(r -> rows.putIfAbsent(key(r), r));
    }
    return Optional.of(entries(location, new ArrayList<>(rows.values())));
  }

  private List<Object[]> rowsOf(Location location, String condition, Set<Long> ids) {
    return em.createQuery(ROWS + condition + ORDER, Object[].class)
        .setParameter("location", location)
        .setParameter("ids", ids)
        .getResultList();
  }

  /** A row's identity: the device and the address. */
  private static String key(Object[] row) {
    return row[0] + " " + row[3];
  }

  /** Rows (device id, user id, public key, address) to one entry per device, keeping only admitted users. */
  private List<LocationSnapshot.Entry> entries(Location location, List<Object[]> rows) {
    Set<Long> admitted = admittedUsers(location, rows);
    Map<Long, LocationSnapshot.Entry> byDevice = new LinkedHashMap<>();
    Map<Long, Peer.Builder> builders = new LinkedHashMap<>();
    Map<Long, Long> owners = new LinkedHashMap<>();
    for (Object[] row : rows) {
      long userId = (Long) row[1];
      if (admitted != null && !admitted.contains(userId)) {
        continue;
      }
      long deviceId = (Long) row[0];
      Peer.Builder peer =
          builders.computeIfAbsent(
              deviceId,
              id ->
                  Peer.newBuilder()
                      .setPublicKey(ByteString.copyFrom(WireGuardKey.parse((String) row[2]).bytes())));
      owners.put(deviceId, userId);
      peer.addAllowedIps(Cidr.host(IpAddress.parse((String) row[3])).toString());
    }
    builders.forEach((id, b) -> byDevice.put(id, new LocationSnapshot.Entry(id, owners.get(id), b.build())));
    return new ArrayList<>(byDevice.values());
  }

  /** The users of {@code rows} admitted by the location's groups, or null when the location admits everyone. */
  private Set<Long> admittedUsers(Location location, List<Object[]> rows) {
    Set<Group> groups = location.allowedGroups();
    if (groups.isEmpty() || rows.isEmpty()) {
      return null;
    }
    Set<Long> users = new HashSet<>();
    rows.forEach(r -> users.add((Long) r[1]));
    String query = "select distinct u.id from User u join u.groups g where g in :groups";
    TypedQuery<Long> admitted =
        users.size() > 1000
            ? em.createQuery(query, Long.class)
            : em.createQuery(query + " and u.id in :users", Long.class).setParameter("users", users);
    return new HashSet<>(admitted.setParameter("groups", groups).getResultList());
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
