package io.portcullis.it;

import io.portcullis.dev.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts a real Keycloak once per test run (fresh data, the project's realm file) before Arquillian starts
 * WildFly, and stops it at the end; hands out access tokens of test users from its token endpoint (direct grant
 * through the {@code portcullis-cli} client, exactly as a script would).
 *
 * <p>Active only when failsafe sets {@code portcullis.it.keycloakHome}. The realm's first administrator is
 * {@code admin}/{@code admin}; {@link #createUser} adds more people through Keycloak's admin API.
 */
public final class TestKeycloak implements LauncherSessionListener {

  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "admin";
  public static final String REALM = "portcullis";

  private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Map<String, Cached> TOKENS = new ConcurrentHashMap<>();

  private static KeycloakServer server;

  private record Cached(String token, Instant fetched) {}

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String home = System.getProperty("portcullis.it.keycloakHome");
    if (home == null || server != null) {
      return;
    }
    try {
      Path data = Path.of(System.getProperty("portcullis.it.keycloakDataDir"));
      deleteRecursively(data);
      Map<String, String> variables = KeycloakServer.realmVariablesFromEnvironment(Deployments.baseUrl());
      variables.put("PORTCULLIS_OIDC_WEB_SECRET", System.getenv().getOrDefault("PORTCULLIS_OIDC_WEB_SECRET", "it-web-secret"));
      variables.put("PORTCULLIS_OIDC_CORE_SECRET", System.getenv().getOrDefault("PORTCULLIS_OIDC_CORE_SECRET", "it-core-secret"));
      variables.put("PORTCULLIS_ADMIN_USERNAME", ADMIN);
      variables.put("PORTCULLIS_ADMIN_PASSWORD", ADMIN_PASSWORD);
      Instant start = Instant.now();
      server = KeycloakServer.start(
          new KeycloakServer.Settings(
              Path.of(home), data,
              Integer.getInteger("portcullis.it.keycloakPort"),
              Integer.getInteger("portcullis.it.keycloakManagementPort"),
              "kcadmin", "kcadmin",
              Path.of(System.getProperty("portcullis.it.realmFile")),
              variables,
              data.resolve("keycloak.log")),
          Duration.ofSeconds(300));
      System.out.println("[TestKeycloak] ready at " + server.realmUrl() + " after "
          + Duration.between(start, Instant.now()).toMillis() + " ms");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the test Keycloak", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  private static KeycloakServer server() {
    if (server == null) {
      throw new IllegalStateException("the test Keycloak runs only under failsafe (mvn verify)");
    }
    return server;
  }

  /** The realm's issuer URL. */
  public static String realmUrl() {
    return server().realmUrl();
  }

  /** A fresh access token of {@code username} (cached for a minute; tokens live five). */
  public static String token(String username, String password) {
    Cached cached = TOKENS.get(username);
    if (cached != null && cached.fetched().isAfter(Instant.now().minusSeconds(60))) {
      return cached.token();
    }
    String token = requestToken(username, password);
    TOKENS.put(username, new Cached(token, Instant.now()));
    return token;
  }

  /** The access token of the realm's first administrator. */
  public static String adminToken() {
    return token(ADMIN, ADMIN_PASSWORD);
  }

  /** Asks the token endpoint, answering the HTTP status and body on failure (for tests of refusals). */
  public static HttpResponse<String> tokenResponse(String username, String password) {
    String form = form(Map.of("grant_type", "password", "client_id", "portcullis-cli", "username", username, "password", password));
    return send(HttpRequest.newBuilder(URI.create(realmUrl() + "/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  private static String requestToken(String username, String password) {
    HttpResponse<String> r = tokenResponse(username, password);
    Matcher m = ACCESS_TOKEN.matcher(r.body());
    if (r.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException("no token for " + username + ": " + r.statusCode() + " " + r.body());
    }
    return m.group(1);
  }

  /**
   * Creates a person in the realm with a password and the given group paths (e.g. {@code /portcullis-admin}),
   * through Keycloak's admin API; answers Keycloak's user id.
   */
  public static String createUser(String username, String password, List<String> groups) {
    String admin = adminApiToken();
    String body = "{\"username\":\"" + username + "\",\"enabled\":true,\"email\":\"" + username + "@example.org\","
        + "\"emailVerified\":true,\"firstName\":\"Test\",\"lastName\":\"" + username + "\","
        + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + password + "\",\"temporary\":false}],"
        + "\"groups\":[" + groups.stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(",")) + "]}";
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server().url() + "/admin/realms/" + REALM + "/users"))
        .header("Authorization", "Bearer " + admin)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("cannot create Keycloak user " + username + ": " + r.statusCode() + " " + r.body());
    }
    String location = r.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** Calls Keycloak's admin API of the test realm as the master administrator: {@code method path [json]}. */
  public static HttpResponse<String> adminApi(String method, String path, String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server().url() + "/admin/realms/" + REALM + path))
        .header("Authorization", "Bearer " + adminApiToken());
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return send(b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private static String adminApiToken() {
    try {
      return server().masterAdminToken();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
