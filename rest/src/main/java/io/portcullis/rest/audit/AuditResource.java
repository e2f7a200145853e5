package io.portcullis.rest.audit;

import io.portcullis.core.application.security.AdminOnly;
import io.portcullis.core.application.AuditService;
import io.portcullis.core.application.AuditView;
import io.portcullis.core.domain.model.audit.AuditAction;
import io.portcullis.core.domain.model.audit.AuditRepository.AuditFilter;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.rest.common.QueryParameters;
import io.portcullis.rest.problem.FieldErrors;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;

/**
 * {@code GET /api/v1/audit}: the audit trail, newest first; filters {@code actor}, {@code objectType},
 * {@code objectId}, {@code action}, {@code from} (inclusive) and {@code to} (exclusive, ISO-8601).
 */
@AdminOnly
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

  @EJB private AuditService audit;

  @GET
  public Page<AuditView> list(
      @QueryParam("actor") String actor,
      @QueryParam("objectType") String objectType,
      @QueryParam("objectId") String objectId,
      @QueryParam("action") String action,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    FieldErrors errors = new FieldErrors();
    PageRequest page = QueryParameters.page(errors, offset, limit);
    AuditAction parsedAction = errors.optional("action", blankToNull(action), AuditResource::action);
    AuditFilter filter =
        new AuditFilter(
            blankToNull(actor),
            blankToNull(objectType),
            QueryParameters.id(errors, "objectId", objectId),
            parsedAction,
            QueryParameters.instant(errors, "from", from),
            QueryParameters.instant(errors, "to", to));
    errors.throwIfAny();
    return audit.list(filter, page);
  }

  private static AuditAction action(String raw) {
    try {
      return AuditAction.valueOf(raw.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be CREATE, UPDATE or DELETE");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
