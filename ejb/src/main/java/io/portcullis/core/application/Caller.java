package io.portcullis.core.application;

import java.util.Objects;

/**
 * Who is calling a service: a signed-in person (through the identity provider's token or a personal API token)
 * or the system itself (timers, the gateway channel). Admins may do everything; other people only what
 * concerns themselves.
 *
 * @param userId the local user record, null for the system
 * @param username shown in the audit log
 * @param admin whether the caller has the administrator role
 * @param via how the caller proved who they are
 */
public record Caller(Long userId, String username, boolean admin, Via via) {

  /** How a caller authenticated. */
  public enum Via {
    /** An access token of the OpenID Connect provider (Keycloak). */
    OIDC,
    /** A personal API token ({@code pct_...}). */
    API_TOKEN,
    /** No person: a timer or the gateway control channel. */
    SYSTEM
  }

  /** The core acting on its own behalf. */
  public static final Caller SYSTEM = new Caller(null, "system", true, Via.SYSTEM);

  public Caller {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(via, "via");
  }

  /** Whether this caller is the person with local user id {@code id}. */
  public boolean is(Long id) {
    return userId != null && userId.equals(id);
  }
}
