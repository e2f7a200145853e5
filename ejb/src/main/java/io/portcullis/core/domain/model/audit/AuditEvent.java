package io.portcullis.core.domain.model.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One change to one object: who, what, when, and the object's JSON state before and after. Immutable. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Instant occurredAt;

  @Column(name = "actor", nullable = false, updatable = false)
  private String actor;

  @Enumerated(EnumType.STRING)
  @Column(name = "action", nullable = false, updatable = false, length = 16)
  private AuditAction action;

  @Column(name = "object_type", nullable = false, updatable = false, length = 32)
  private String objectType;

  @Column(name = "object_id", updatable = false)
  private Long objectId;

  @Column(name = "object_name", updatable = false)
  private String objectName;

  @Column(name = "before_state", updatable = false)
  private String beforeState;

  @Column(name = "after_state", updatable = false)
  private String afterState;

  protected AuditEvent() {}

  public AuditEvent(
      Instant occurredAt,
      String actor,
      AuditAction action,
      String objectType,
      Long objectId,
      String objectName,
      String beforeState,
      String afterState) {
    this.occurredAt = occurredAt;
    this.actor = actor;
    this.action = action;
    this.objectType = objectType;
    this.objectId = objectId;
    this.objectName = objectName;
    this.beforeState = beforeState;
    this.afterState = afterState;
  }

  public Long id() {
    return id;
  }

  public Instant occurredAt() {
    return occurredAt;
  }

  public String actor() {
    return actor;
  }

  public AuditAction action() {
    return action;
  }

  public String objectType() {
    return objectType;
  }

  public Long objectId() {
    return objectId;
  }

  public String objectName() {
    return objectName;
  }

  public String beforeState() {
    return beforeState;
  }

  public String afterState() {
    return afterState;
  }
}
