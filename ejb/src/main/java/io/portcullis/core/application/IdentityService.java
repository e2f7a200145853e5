package io.portcullis.core.application;

/** Turns proven identities into callers, linking them to local user records. */
public interface IdentityService {

  /** The role in tokens (and the WildFly role) that makes a caller an administrator. */
  String ADMIN_ROLE = "admin";

  /**
   * The caller behind a verified access token of the identity provider. The local user is found by the
   * provider's id, else by username (and then linked), else created (first sign-in). A disabled user is refused
   * with {@link AccessDeniedException}.
   */
  Caller signIn(OidcIdentity identity);

  /**
   * The caller behind a personal API token; unknown, expired or revoked tokens are refused with {@link
   * AuthenticationFailedException}, a disabled owner with {@link AccessDeniedException}. Records the use.
   */
  Caller authenticateApiToken(String token);
}
