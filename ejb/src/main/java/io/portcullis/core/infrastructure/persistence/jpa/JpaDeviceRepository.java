package io.portcullis.core.infrastructure.persistence.jpa;

import io.portcullis.core.domain.model.device.Device;
import io.portcullis.core.domain.model.device.DeviceAddress;
import io.portcullis.core.domain.model.device.DeviceRepository;
import io.portcullis.core.domain.model.location.Location;
import io.portcullis.core.domain.model.network.IpAddress;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.core.domain.model.user.User;
import io.portcullis.core.domain.model.wireguard.WireGuardKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Devices and their addresses in PostgreSQL through JPA. */
@ApplicationScoped
public class JpaDeviceRepository implements DeviceRepository {

  @PersistenceContext(unitName = "portcullis")
  private EntityManager em;

  @Override
  public Optional<Device> find(long id) {
    return Optional.ofNullable(em.find(Device.class, id));
  }

  @Override
  public Optional<Device> findByPublicKey(WireGuardKey key) {
    return em.createQuery("select d from Device d where d.publicKey = :key", Device.class)
        .setParameter("key", key.base64())
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<Device> findByOwnerAndName(User owner, String name) {
    return em.createQuery("select d from Device d where d.owner = :owner and d.name = :name", Device.class)
        .setParameter("owner", owner)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<Device> ownedBy(User owner) {
    return em.createQuery("select d from Device d where d.owner = :owner order by d.id", Device.class)
        .setParameter("owner", owner)
        .getResultList();
  }

  @Override
  public List<Device> all() {
    return em.createQuery("select d from Device d join fetch d.owner order by d.id", Device.class).getResultList();
  }

  @Override
  public Page<Device> list(DeviceFilter filter, PageRequest page) {
    String from = filter.locationId() == null ? "from Device e" : "from Device e join e.addresses a";
    return new FilteredQuery<>(em, Device.class, from)
        .search(filter.q(), "e.name", "e.publicKey")
        .where("e.owner.id = :userId", "userId", filter.userId())
        .where("e.owner.username = :username", "username", filter.username())
        .where("a.location.id = :locationId", "locationId", filter.locationId())
        .page(page, "e.id");
  }

  @Override
  public Set<IpAddress> takenAddresses(Location location, String pool) {
    // A JPQL query flushes pending inserts first (FlushModeType.AUTO), so this sees this transaction's own.
    List<String> rows =
        em.createQuery(
                "select a.address from DeviceAddress a where a.location = :location and a.pool = :pool", String.class)
            .setParameter("location", location)
            .setParameter("pool", pool)
            .getResultList();
    Set<IpAddress> taken = new HashSet<>();
    rows.forEach(row -> taken.add(IpAddress.parse(row)));
    return taken;
  }

  @Override
  public List<DeviceAddress> addressesIn(Location location) {
    return em.createQuery(
            "select a from DeviceAddress a join fetch a.device where a.location = :location order by a.id",
            DeviceAddress.class)
        .setParameter("location", location)
        .getResultList();
  }

  @Override
  public void add(Device device) {
    em.persist(device);
  }

  @Override
  public void remove(Device device) {
    em.remove(device);
  }

  @Override
  public void flush() {
    em.flush();
  }
}
