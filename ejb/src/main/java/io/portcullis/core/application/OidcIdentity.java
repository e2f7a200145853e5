package io.portcullis.core.application;

import java.util.Objects;
import java.util.Set;

/**
 * What a verified access token of the identity provider says about its holder.
 *
 * @param subject the provider's user id ({@code sub})
 * @param username {@code preferred_username}
 * @param roles realm roles ({@code realm_access.roles})
 * @param groups group names ({@code groups})
 */
public record OidcIdentity(
    String subject, String username, String email, String firstName, String lastName, Set<String> roles, Set<String> groups) {

  public OidcIdentity {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(username, "username");
    roles = Set.copyOf(roles);
    groups = Set.copyOf(groups);
  }
}
