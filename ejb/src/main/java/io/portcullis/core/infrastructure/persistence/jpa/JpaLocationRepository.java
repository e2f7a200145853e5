package io.portcullis.core.infrastructure.persistence.jpa;

import io.portcullis.core.domain.model.location.Location;
import io.portcullis.core.domain.model.location.LocationRepository;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Locations in PostgreSQL through JPA; {@link #lock} is {@code SELECT … FOR UPDATE}. */
@ApplicationScoped
public class JpaLocationRepository implements LocationRepository {

  @PersistenceContext(unitName = "portcullis")
  private EntityManager em;

  @Override
  public Optional<Location> find(long id) {
    return Optional.ofNullable(em.find(Location.class, id));
  }

  @Override
  public Optional<Location> findByName(Name name) {
    return em.createQuery("select l from Location l where l.name = :name", Location.class)
        .setParameter("name", name.value())
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<Location> all() {
    return em.createQuery("select l from Location l order by l.id", Location.class).getResultList();
  }

  @Override
  public Page<Location> list(String q, PageRequest page) {
    return new FilteredQuery<>(em, Location.class, "from Location e").search(q, "e.name").page(page, "e.name");
  }

  @Override
  public void lock(Location location) {
    em.lock(location, LockModeType.PESSIMISTIC_WRITE);
  }

  @Override
  public void add(Location location) {
    em.persist(location);
  }

  @Override
  public void remove(Location location) {
    em.remove(location);
  }
}
