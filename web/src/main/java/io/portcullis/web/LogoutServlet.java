package io.portcullis.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code /logout}: ends the page session here and the single sign-on session at the identity provider
 * (RP-initiated logout with the ID token as hint, back to the start page afterwards), so the next visit asks
 * for the password again. Bearer tokens of the API are not sessions and simply expire.
 */
@WebServlet("/logout")
public class LogoutServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
    String idToken = OidcSession.idToken(request.getUserPrincipal());
    request.logout();
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    String back = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort() + request.getContextPath() + "/";
    String endSession = System.getProperty("portcullis.oidc.url", "http://127.0.0.1:8180") + "/realms/"
        + System.getProperty("portcullis.oidc.realm", "portcullis") + "/protocol/openid-connect/logout"
        + "?client_id=" + enc(System.getProperty("portcullis.oidc.web-client", "portcullis-web"))
        + "&post_logout_redirect_uri=" + enc(back)
        + (idToken == null ? "" : "&id_token_hint=" + enc(idToken));
    response.sendRedirect(endSession);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
