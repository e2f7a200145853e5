package io.portcullis.core.infrastructure.persistence.jpa;

import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.core.domain.model.user.User;
import io.portcullis.core.domain.model.user.UserRepository;
import io.portcullis.core.domain.model.user.Username;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import io.portcullis.core.domain.model.user.EmailAddress;

/** Users in PostgreSQL through JPA. */
@ApplicationScoped
public class JpaUserRepository implements UserRepository {

  @PersistenceContext(unitName = "portcullis")
  private EntityManager em;

  @Override
  public Optional<User> find(long id) {
    return Optional.ofNullable(em.find(User.class, id));
  }

  @Override
  public Optional<User> findByUsername(Username username) {
    return em.createQuery("select u from User u where u.username = :name", User.class)
        .setParameter("name", username.value())
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<User> findByExternalId(String externalId) {
    return em.createQuery("select u from User u where u.externalId = :id", User.class)
        .setParameter("id", externalId)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<User> findByEmail(EmailAddress email) {
    return em.createQuery("select u from User u where lower(u.email) = lower(:email)", User.class)
        .setParameter("email", email.value())
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<User> linked() {
    return em.createQuery("select u from User u where u.externalId is not null", User.class).getResultList();
  }

  @Override
  public Page<User> list(UserFilter filter, PageRequest page) {
    String from = filter.groupId() == null ? "from User e" : "from User e join e.groups g";
    return new FilteredQuery<>(em, User.class, from)
        .search(filter.q(), "e.username", "e.email", "e.firstName", "e.lastName")
        .where("e.username = :username", "username", filter.username())
        .where("e.enabled = :enabled", "enabled", filter.enabled())
        .where("g.id = :groupId", "groupId", filter.groupId())
        .page(page, "e.username");
  }

  @Override
  public void add(User user) {
    em.persist(user);
  }

  @Override
  public void remove(User user) {
    em.remove(user);
  }
}
