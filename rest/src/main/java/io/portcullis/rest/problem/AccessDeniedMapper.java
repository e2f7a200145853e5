package io.portcullis.rest.problem;

import io.portcullis.core.application.AccessDeniedException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The caller may not do this: 403 with the reason. */
@Provider
public class AccessDeniedMapper implements ExceptionMapper<AccessDeniedException> {

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(AccessDeniedException e) {
    return Problem.of(Response.Status.FORBIDDEN, "forbidden", e.getMessage(), InvalidRequestMapper.instance(uriInfo)).toResponse();
  }
}
