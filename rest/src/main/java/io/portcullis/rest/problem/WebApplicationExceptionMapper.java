package io.portcullis.rest.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Rewrites the JAX-RS runtime's own errors (unknown path 404, 405, 406, 415, bad parameter 400, …) as
 * problem documents, keeping their status and headers such as {@code Allow}.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    int code = original.getStatus();
    Response.Status status = Response.Status.fromStatusCode(code);
    String title = status == null ? original.getStatusInfo().getReasonPhrase() : status.getReasonPhrase();
    String detail = code == 400 && e.getCause() != null ? JsonProblemMapper.describe(e.getCause()) : e.getMessage();
    Problem problem =
        new Problem(
            Problem.TYPE_PREFIX + "http-" + code,
            title,
            code,
            detail,
            InvalidRequestMapper.instance(uriInfo),
            java.util.List.of(),
            null);
    Response.ResponseBuilder response = Response.fromResponse(problem.toResponse());
    original.getHeaders().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
        values.forEach(value -> response.header(name, value));
      }
    });
    return response.build();
  }
}
