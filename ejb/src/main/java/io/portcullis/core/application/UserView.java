package io.portcullis.core.application;

import java.time.Instant;
import java.util.List;

/**
 * A user as the API shows it; {@code groups} are group names, sorted; {@code externalId} is the Keycloak user id
 * and {@code source} says where the record came from ({@code local}, {@code keycloak}, {@code ldap}).
 */
public record UserView(
    long id,
    String username,
    String email,
    String firstName,
    String lastName,
    boolean enabled,
    boolean admin,
    String externalId,
    String source,
    List<String> groups,
    Instant createdAt) {}
