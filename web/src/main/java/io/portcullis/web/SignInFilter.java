package io.portcullis.web;

import io.portcullis.core.application.AccessDeniedException;
import io.portcullis.core.application.Caller;
import io.portcullis.core.application.IdentityService;
import io.portcullis.core.application.security.AccessTokenClaims;
import io.portcullis.core.application.security.CallerContext;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Set;

/**
 * Turns the login session into the core's caller for every page request: the OIDC principal's access token
 * (verified by WildFly) names the person, the core links them to their user record. Disabled people get 403.
 */
@WebFilter(urlPatterns = "/*")
public class SignInFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;
  /** Pages only administrators may open. */
  static final Set<String> ADMIN_PAGES =
      Set.of("/users.xhtml", "/groups.xhtml", "/locations.xhtml", "/audit.xhtml", "/audit.csv", "/settings.xhtml");

  @EJB private IdentityService identities;
  @Inject private CallerContext callerContext;

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Principal principal = request.getUserPrincipal();
    if (principal == null) {
      chain.doFilter(request, response); // the container's constraint has already asked for a login
      return;
    }
    String token = OidcSession.accessToken(principal);
    if (token == null) {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "No login session");
      return;
    }
    try {
      Caller caller = identities.signIn(AccessTokenClaims.identity(token));
      callerContext.set(caller);
      request.setAttribute("portcullisCaller", caller);
    } catch (AccessDeniedException e) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN, e.getMessage());
      return;
    } catch (EJBException e) {
      if (e.getCause() instanceof AccessDeniedException denied) {
        response.sendError(HttpServletResponse.SC_FORBIDDEN, denied.getMessage());
        return;
      }
      throw e;
    }
    if (!((Caller) request.getAttribute("portcullisCaller")).admin() && ADMIN_PAGES.contains(request.getServletPath())) {
      // The services refuse too; this keeps a person from even seeing the empty shell of an administrator's page.
      response.sendError(HttpServletResponse.SC_FORBIDDEN, "This page is for administrators.");
      return;
    }
    chain.doFilter(request, response);
  }
}
