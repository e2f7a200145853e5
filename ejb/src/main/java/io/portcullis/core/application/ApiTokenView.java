package io.portcullis.core.application;

import java.time.Instant;

/** A personal API token as lists show it: never the secret, only its first characters. */
public record ApiTokenView(
    long id,
    long userId,
    String username,
    String name,
    String prefix,
    Instant createdAt,
    Instant expiresAt,
    Instant lastUsedAt,
    Instant revokedAt,
    String state) {}
