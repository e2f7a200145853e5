package io.portcullis.core.infrastructure.persistence.jpa;

import io.portcullis.core.domain.model.gateway.Gateway;
import io.portcullis.core.domain.model.gateway.GatewayRepository;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Gateways in PostgreSQL through JPA. */
@ApplicationScoped
public class JpaGatewayRepository implements GatewayRepository {

  @PersistenceContext(unitName = "portcullis")
  private EntityManager em;

  @Override
  public Optional<Gateway> find(long id) {
    return Optional.ofNullable(em.find(Gateway.class, id));
  }

  @Override
  public Optional<Gateway> findByName(long locationId, String name) {
    return em.createQuery("select g from Gateway g where g.location.id = :location and g.name = :name", Gateway.class)
        .setParameter("location", locationId)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Page<Gateway> list(Long locationId, String q, PageRequest page) {
    return new FilteredQuery<>(em, Gateway.class, "from Gateway e")
        .search(q, "e.name")
        .where("e.location.id = :locationId", "locationId", locationId)
        .page(page, "e.id");
  }

  @Override
  public void add(Gateway gateway) {
    em.persist(gateway);
  }

  @Override
  public void remove(Gateway gateway) {
    em.remove(gateway);
  }
}
