package io.portcullis.core.application.internal;

import io.portcullis.core.domain.model.audit.AuditAction;
import io.portcullis.core.domain.model.audit.AuditEvent;
import io.portcullis.core.domain.model.audit.AuditRepository;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.security.Principal;
import java.time.Instant;

/**
 * Writes one audit event per change, in the transaction of the change (MANDATORY), so a rolled-back change
 * leaves no trace and a committed one always does. The actor is the caller principal, or {@code anonymous}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class AuditTrail {

  static final String ANONYMOUS = "anonymous";

  private static final Jsonb JSON = JsonbBuilder.create();

  @Resource private SessionContext session;

  @Inject private AuditRepository repository;

  /** Records that {@code action} happened to an object; states are read models (views) or null. */
  public void record(AuditAction action, String objectType, Long objectId, String objectName, Object before, Object after) {
    repository.add(
        new AuditEvent(
            Instant.now(), actor(), action, objectType, objectId, objectName, json(before), json(after)));
  }

  private String actor() {
    Principal principal = session.getCallerPrincipal();
    String name = principal == null ? null : principal.getName();
    return name == null || name.isBlank() ? ANONYMOUS : name;
  }

  private static String json(Object state) {
    return state == null ? null : JSON.toJson(state);
  }
}
