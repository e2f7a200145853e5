package io.portcullis.web;

import java.security.Principal;

/**
 * The tokens of the login session, read from WildFly's OIDC principal ({@code OidcPrincipal} of
 * elytron-http-oidc) by its public accessors, so the pages need no compile-time dependency on WildFly internals.
 */
final class OidcSession {

  private OidcSession() {}

  static String accessToken(Principal principal) {
    return call(context(principal), "getTokenString");
  }

  static String idToken(Principal principal) {
    return call(context(principal), "getIDTokenString");
  }

  private static Object context(Principal principal) {
    if (principal == null) {
      return null;
    }
    try {
      return principal.getClass().getMethod("getOidcSecurityContext").invoke(principal);
    } catch (ReflectiveOperationException e) {
      return null; // not an OIDC login
    }
  }

  private static String call(Object target, String method) {
    if (target == null) {
      return null;
    }
    try {
      Object value = target.getClass().getMethod(method).invoke(target);
      return value instanceof String s ? s : null;
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
