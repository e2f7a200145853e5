package io.portcullis.core.application.internal;

import io.portcullis.core.domain.model.audit.AuditAction;
import io.portcullis.core.domain.model.audit.AuditEvent;
import io.portcullis.core.domain.model.audit.AuditRepository;
import io.portcullis.core.application.security.Access;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;

/**
 * Writes one audit event per change, in the transaction of the change (MANDATORY), so a rolled-back change
 * leaves no trace and a committed one always does. The actor is the authenticated caller (see {@link Access}), {@code system} for timers and the gateway
 * channel.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class AuditTrail {

  static final String ANONYMOUS = "anonymous";

  private static final Jsonb JSON = JsonbBuilder.create();

  @Inject private Access access;

  @Inject private AuditRepository repository;

  /** Records that {@code action} happened to an object; states are read models (views) or null. */
  public void record(AuditAction action, String objectType, Long objectId, String objectName, Object before, Object after) {
    recordAs(access.caller().username(), action, objectType, objectId, objectName, before, after);
  }

  /** As {@link #record}, naming the actor explicitly (a person's first sign-in, before they are the caller). */
  public void recordAs(
      String actor, AuditAction action, String objectType, Long objectId, String objectName, Object before, Object after) {
    repository.add(
        new AuditEvent(
            Instant.now(), actor == null || actor.isBlank() ? ANONYMOUS : actor, action, objectType, objectId,
            objectName, json(before), json(after)));
  }

  private static String json(Object state) {
    return state == null ? null : JSON.toJson(state);
  }
}
