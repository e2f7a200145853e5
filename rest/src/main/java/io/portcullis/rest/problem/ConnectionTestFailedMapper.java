package io.portcullis.rest.problem;

import io.portcullis.core.application.ConnectionTestFailedException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A test of another server (SMTP, LDAP) failed there: 502 with the kind as problem type
 * ({@code urn:portcullis:problem:ldap-authentication-failed}, …) and what happened in words as detail.
 */
@Provider
public class ConnectionTestFailedMapper implements ExceptionMapper<ConnectionTestFailedException> {

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(ConnectionTestFailedException e) {
    return Problem.of(Response.Status.BAD_GATEWAY, e.problemType(), e.getMessage(), InvalidRequestMapper.instance(uriInfo))
        .toResponse();
  }
}
