package io.portcullis.rest.problem;

import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.ConflictException;
import io.portcullis.core.application.RuleViolationException;
import io.portcullis.core.application.UnknownObjectException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** Maps the core's expected failures to their status: unknown 404, conflict 409, rule violation 422. */
@Provider
public class BusinessExceptionMapper implements ExceptionMapper<BusinessException> {

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(BusinessException e) {
    Response.Status status;
    if (e instanceof UnknownObjectException) {
      status = Response.Status.NOT_FOUND;
    } else if (e instanceof ConflictException) {
      status = Response.Status.CONFLICT;
    } else if (e instanceof RuleViolationException) {
      status = Response.Status.fromStatusCode(422);
    } else {
      throw new IllegalStateException("unmapped business exception " + e.getClass().getName(), e);
    }
    Problem problem = new Problem(
        Problem.TYPE_PREFIX + e.problemType(),
        status == null ? "Unprocessable Content" : status.getReasonPhrase(),
        status == null ? 422 : status.getStatusCode(),
        e.getMessage(),
        InvalidRequestMapper.instance(uriInfo),
        e instanceof RuleViolationException violation ? violation.errors() : List.of(),
        null);
    return problem.toResponse();
  }
}
