package io.portcullis.core.domain.model.audit;

import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import java.time.Instant;

/** Where audit events are appended and read back, newest first. */
public interface AuditRepository {

  void add(AuditEvent event);

  Page<AuditEvent> list(AuditFilter filter, PageRequest page);

  /** The list filters; {@code from} inclusive, {@code to} exclusive. */
  record AuditFilter(
      String actor, String objectType, Long objectId, AuditAction action, Instant from, Instant to) {}
}
