package io.portcullis.rest.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers unparseable fields and parameters with 400 and the list of bad fields. */
@Provider
public class InvalidRequestMapper implements ExceptionMapper<InvalidRequestException> {

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(InvalidRequestException e) {
    return Problem.of(Response.Status.BAD_REQUEST, "invalid-request", "The request has invalid fields", instance(uriInfo))
        .withErrors(e.errors())
        .toResponse();
  }

  static String instance(UriInfo uriInfo) {
    return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
  }
}
