package io.portcullis.core.domain.model.user;

import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import java.util.List;
import java.util.Optional;

/** Where users are kept. */
public interface UserRepository {

  Optional<User> find(long id);

  Optional<User> findByUsername(Username username);

  /** The user linked to the identity provider's user {@code externalId}. */
  Optional<User> findByExternalId(String externalId);

  /** The user with this e-mail address, compared without case. */
  Optional<User> findByEmail(EmailAddress email);

  /** Users whose record is linked to the identity provider (external id set). */
  List<User> linked();

  /** Users matching all given filters (null = no filter), ordered by username. */
  Page<User> list(UserFilter filter, PageRequest page);

  void add(User user);

  void remove(User user);

  /** The list filters: {@code q} searches username, e-mail and names. */
  record UserFilter(String q, String username, Boolean enabled, Long groupId) {}
}
