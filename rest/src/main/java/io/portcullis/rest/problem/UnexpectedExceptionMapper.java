package io.portcullis.rest.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The last resort for bugs: 500 with a reference id that is also logged with the stack trace, so an operator
 * can find the cause while the client sees no internals. One expected failure also ends up here: two requests
 * that create the same unique value at the same moment both pass the services' checks, and the database's
 * unique constraint rejects the second at commit; that is a 409, not a bug.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class);

  @Context private UriInfo uriInfo;

  /** PostgreSQL's SQLSTATE for unique_violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  @Override
  public Response toResponse(Throwable e) {
    String instance = InvalidRequestMapper.instance(uriInfo);
    if (isUniqueViolation(e)) {
      LOG.infof("Concurrent duplicate on %s: %s", instance, e.toString());
      return Problem.of(
              Response.Status.CONFLICT,
              "conflict",
              "Another request created the same value at the same moment; nothing was written",
              instance)
          .toResponse();
    }
    String reference = UUID.randomUUID().toString();
    LOG.errorf(e, "Unexpected failure %s on %s", reference, instance);
    return Problem.of(
            Response.Status.INTERNAL_SERVER_ERROR,
            "internal-error",
            "An unexpected error occurred; quote reference " + reference + " to the operator",
            instance)
        .withReference(reference)
        .toResponse();
  }

  private static boolean isUniqueViolation(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        for (SQLException next = sql; next != null; next = next.getNextException()) {
          if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
