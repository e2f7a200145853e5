package io.portcullis.core.domain.model.audit;

/** What happened to the object of an audit event. */
public enum AuditAction {
  CREATE,
  UPDATE,
  DELETE
}
