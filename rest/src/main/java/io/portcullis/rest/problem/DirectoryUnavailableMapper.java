package io.portcullis.rest.problem;

import io.portcullis.core.application.DirectoryUnavailableException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Keycloak refused or could not be reached while provisioning: 502, and nothing was changed here. */
@Provider
public class DirectoryUnavailableMapper implements ExceptionMapper<DirectoryUnavailableException> {

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(DirectoryUnavailableException e) {
    return Problem.of(Response.Status.BAD_GATEWAY, "identity-provider-unavailable", e.getMessage(),
        InvalidRequestMapper.instance(uriInfo)).toResponse();
  }
}
