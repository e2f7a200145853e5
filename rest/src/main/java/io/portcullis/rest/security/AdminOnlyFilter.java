package io.portcullis.rest.security;

import io.portcullis.core.application.security.Access;
import io.portcullis.core.application.security.AdminOnly;
import io.portcullis.rest.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses {@link AdminOnly} resource methods to anyone but administrators before the request body is read, so
 * a person without the right gets 403 rather than a validation error. The core's services check the same rule
 * again (the pages call them without this filter).
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AdminOnlyFilter implements ContainerRequestFilter {

  @Context private ResourceInfo resource;
  @Inject private Access access;

  @Override
  public void filter(ContainerRequestContext request) {
    boolean adminOnly =
        resource.getResourceMethod() != null
            && (resource.getResourceMethod().isAnnotationPresent(AdminOnly.class)
                || resource.getResourceClass().isAnnotationPresent(AdminOnly.class));
    if (adminOnly && !access.caller().admin()) {
      request.abortWith(Problem.of(Response.Status.FORBIDDEN, "forbidden", "Only administrators may do this",
          request.getUriInfo().getRequestUri().getRawPath()).toResponse());
    }
  }
}
