package io.portcullis.core.application;

import java.time.Instant;
import java.util.List;

/** A user as the API shows it; {@code groups} are group names, sorted. */
public record UserView(
    long id,
    String username,
    String email,
    String firstName,
    String lastName,
    boolean enabled,
    boolean admin,
    String externalId,
    List<String> groups,
    Instant createdAt) {}
