package io.portcullis.core.domain.model.token;

import io.portcullis.core.domain.model.user.User;
import java.util.List;
import java.util.Optional;

/** Where personal API tokens are kept. */
public interface ApiTokenRepository {

  Optional<ApiToken> find(long id);

  Optional<ApiToken> findByHash(String tokenHash);

  Optional<ApiToken> findByOwnerAndName(User owner, String name);

  /** The user's tokens, newest first. */
  List<ApiToken> ownedBy(User owner);

  void add(ApiToken token);
}
