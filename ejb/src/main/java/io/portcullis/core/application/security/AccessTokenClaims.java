package io.portcullis.core.application.security;

import io.portcullis.core.application.OidcIdentity;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the claims of an access token that WildFly's OIDC mechanism has already verified (it is the request's
 * principal): only the payload is decoded here, never trusted without that verification. Used by the REST API
 * (bearer tokens) and the pages (the login session's token).
 */
public final class AccessTokenClaims {

  private AccessTokenClaims() {}

  /** The identity in the payload of {@code jwt}; IllegalArgumentException when it lacks what we need. */
  public static OidcIdentity identity(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a JWS compact token");
    }
    JsonObject claims;
    try (JsonReader reader =
        Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)))) {
      claims = reader.readObject();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unreadable payload");
    }
    String subject = string(claims, "sub");
    String username = string(claims, "preferred_username");
    if (subject == null || username == null) {
      throw new IllegalArgumentException("'sub' and 'preferred_username' are required");
    }
    Set<String> roles = new HashSet<>();
    JsonValue realmAccess = claims.get("realm_access");
    if (realmAccess instanceof JsonObject access && access.get("roles") instanceof JsonArray list) {
      strings(list, roles);
    }
    Set<String> groups = new HashSet<>();
    if (claims.get("groups") instanceof JsonArray list) {
      strings(list, groups);
      // Keycloak writes full paths ("/portcullis-admin") unless told otherwise; compare by the last segment.
      Set<String> names = new HashSet<>();
      for (String g : groups) {
        names.add(g.substring(g.lastIndexOf('/') + 1));
      }
      groups = names;
    }
    return new OidcIdentity(
        subject, username, string(claims, "email"), string(claims, "given_name"), string(claims, "family_name"), roles, groups);
  }

  private static String string(JsonObject claims, String name) {
    return claims.get(name) instanceof JsonString s ? s.getString() : null;
  }

  private static void strings(JsonArray list, Set<String> into) {
    for (JsonValue v : list) {
      if (v instanceof JsonString s) {
        into.add(s.getString());
      }
    }
  }
}
