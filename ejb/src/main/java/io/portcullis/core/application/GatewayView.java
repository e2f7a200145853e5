package io.portcullis.core.application;

import java.time.Instant;

/** A gateway as the API shows it (never its token or hash). */
public record GatewayView(long id, long locationId, String locationName, String name, Instant createdAt, Instant lastSeenAt) {}
