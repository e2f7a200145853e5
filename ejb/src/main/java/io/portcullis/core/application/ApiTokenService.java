package io.portcullis.core.application;

import io.portcullis.core.domain.model.shared.Name;
import java.time.Instant;
import java.util.List;

/** Personal API tokens: a user manages their own, an administrator anyone's. */
public interface ApiTokenService {

  /** The longest lifetime a token may be given. */
  java.time.Duration MAX_LIFETIME = java.time.Duration.ofDays(366);

  /** The lifetime of a token created without an expiry. */
  java.time.Duration DEFAULT_LIFETIME = java.time.Duration.ofDays(90);

  /**
   * Creates a token for {@code userId} (null: the caller), expiring at {@code expiresAt} (null: in {@link
   * #DEFAULT_LIFETIME}).
   */
  CreatedApiToken create(Long userId, Name name, Instant expiresAt) throws BusinessException;

  /** The tokens of {@code userId} (null: the caller), newest first. */
  List<ApiTokenView> list(Long userId) throws UnknownObjectException;

  ApiTokenView get(long id) throws UnknownObjectException;

  /** Revokes the token at once; revoking twice is harmless. */
  ApiTokenView revoke(long id) throws UnknownObjectException;
}
