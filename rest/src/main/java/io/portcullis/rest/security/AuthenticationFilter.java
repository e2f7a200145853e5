package io.portcullis.rest.security;

import io.portcullis.core.application.AccessDeniedException;
import io.portcullis.core.application.AuthenticationFailedException;
import io.portcullis.core.application.Caller;
import io.portcullis.core.application.IdentityService;
import io.portcullis.core.application.security.AccessTokenClaims;
import io.portcullis.core.application.security.CallerContext;
import io.portcullis.core.domain.model.token.ApiTokenSecret;
import io.portcullis.rest.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Decides who calls, before any resource runs. Two kinds of bearer token are accepted:
 *
 * <ul>
 *   <li>access tokens of the identity provider, verified by WildFly's elytron-oidc-client (signature, issuer,
 *       expiry, audience; configured by wildfly-config/07-oidc.cli), which makes them the request's principal;
 *   <li>personal API tokens ({@code pct_...}), which the OIDC mechanism leaves alone (they are no JWT) and
 *       the core checks against their stored hashes.
 * </ul>
 *
 * Anything else, or nothing, is answered 401 with {@code WWW-Authenticate: Bearer}; a disabled user 403.
 * Only {@code /api/v1/health} is open (paths here are relative to the application path {@code /api/v1}).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

  private static final Logger LOG = Logger.getLogger(AuthenticationFilter.class);
  private static final Set<String> OPEN_PATHS = Set.of("health");
  private static final String BEARER = "Bearer ";

  @EJB private IdentityService identities;
  @Inject private CallerContext callerContext;

  @Override
  public void filter(ContainerRequestContext request) {
    String path = stripSlashes(request.getUriInfo().getPath());
    if (OPEN_PATHS.contains(path)) {
      return;
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    String token = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        ? header.substring(BEARER.length()).trim()
        : null;
    try {
      Caller caller;
      if (ApiTokenSecret.looksLike(token)) {
        caller = identities.authenticateApiToken(token);
      } else {
        Principal principal = request.getSecurityContext().getUserPrincipal();
        if (principal == null || token == null) {
          request.abortWith(unauthorized(request, token == null
              ? "Authentication required: send 'Authorization: Bearer <token>' (an access token or a pct_ API token)"
              : "The bearer token is not valid (signature, issuer, audience or expiry)"));
          return;
        }
        caller = identities.signIn(AccessTokenClaims.identity(token));
      }
      callerContext.set(caller);
    } catch (AuthenticationFailedException e) {
      request.abortWith(unauthorized(request, e.getMessage()));
    } catch (AccessDeniedException e) {
      request.abortWith(Problem.of(Response.Status.FORBIDDEN, "forbidden", e.getMessage(), instance(request)).toResponse());
    } catch (EJBException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AuthenticationFailedException failed) {
        request.abortWith(unauthorized(request, failed.getMessage()));
      } else if (cause instanceof AccessDeniedException denied) {
        request.abortWith(Problem.of(Response.Status.FORBIDDEN, "forbidden", denied.getMessage(), instance(request)).toResponse());
      } else {
        throw e;
      }
    } catch (IllegalArgumentException e) {
      LOG.debugf("Unusable token claims: %s", e.getMessage());
      request.abortWith(unauthorized(request, "The bearer token lacks claims the API needs: " + e.getMessage()));
    }
  }

  private static Response unauthorized(ContainerRequestContext request, String detail) {
    Response problem = Problem.of(Response.Status.UNAUTHORIZED, "unauthorized", detail, instance(request)).toResponse();
    return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"portcullis\"").build();
  }

  private static String instance(ContainerRequestContext request) {
    return request.getUriInfo().getRequestUri().getRawPath();
  }

  private static String stripSlashes(String path) {
    int start = 0;
    int end = path.length();
    while (start < end && path.charAt(start) == '/') {
      start++;
    }
    while (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(start, end);
  }
}
