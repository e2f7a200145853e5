package io.portcullis.core.infrastructure.persistence.jpa;

import io.portcullis.core.domain.model.group.Group;
import io.portcullis.core.domain.model.group.GroupRepository;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Groups in PostgreSQL through JPA. */
@ApplicationScoped
public class JpaGroupRepository implements GroupRepository {

  @PersistenceContext(unitName = "portcullis")
  private EntityManager em;

  @Override
  public Optional<Group> find(long id) {
    return Optional.ofNullable(em.find(Group.class, id));
  }

  @Override
  public Optional<Group> findByName(Name name) {
    return em.createQuery("select g from UserGroup g where g.name = :name", Group.class)
        .setParameter("name", name.value())
        .getResultStream()
        .findFirst();
  }

  @Override
  public Page<Group> list(String q, PageRequest page) {
    return new FilteredQuery<>(em, Group.class, "from UserGroup e").search(q, "e.name").page(page, "e.name");
  }

  @Override
  public void add(Group group) {
    em.persist(group);
  }

  @Override
  public void remove(Group group) {
    em.remove(group);
  }
}
