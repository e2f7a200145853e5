package io.portcullis.core.infrastructure.persistence.jpa;

import io.portcullis.core.domain.model.token.ApiToken;
import io.portcullis.core.domain.model.token.ApiTokenRepository;
import io.portcullis.core.domain.model.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Personal API tokens in PostgreSQL through JPA. */
@ApplicationScoped
public class JpaApiTokenRepository implements ApiTokenRepository {

  @PersistenceContext(unitName = "portcullis")
  private EntityManager em;

  @Override
  public Optional<ApiToken> find(long id) {
    return Optional.ofNullable(em.find(ApiToken.class, id));
  }

  @Override
  public Optional<ApiToken> findByHash(String tokenHash) {
    return em.createQuery("select t from ApiToken t join fetch t.owner where t.tokenHash = :hash", ApiToken.class)
        .setParameter("hash", tokenHash)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<ApiToken> findByOwnerAndName(User owner, String name) {
    return em.createQuery("select t from ApiToken t where t.owner = :owner and t.name = :name", ApiToken.class)
        .setParameter("owner", owner)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<ApiToken> ownedBy(User owner) {
    return em.createQuery("select t from ApiToken t where t.owner = :owner order by t.createdAt desc, t.id desc", ApiToken.class)
        .setParameter("owner", owner)
        .getResultList();
  }

  @Override
  public void add(ApiToken token) {
    em.persist(token);
  }
}
