package io.portcullis.core.application;

import java.time.Instant;

/** An audit event as the API shows it; {@code before} and {@code after} are JSON text or null. */
public record AuditView(
    long id,
    Instant occurredAt,
    String actor,
    String action,
    String objectType,
    Long objectId,
    String objectName,
    String before,
    String after) {}
