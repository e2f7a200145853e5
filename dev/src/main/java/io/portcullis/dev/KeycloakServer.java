package io.portcullis.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Keycloak (the Maven Central {@code keycloak-quarkus-dist}, unpacked by this module's build) run by the
 * project itself for {@code ./portcullis run} and the integration tests: development mode, its own port and
 * data folder (an H2 file database there, so it survives restarts), and the {@code portcullis} realm created
 * from {@code keycloak/portcullis-realm.json} through the admin API when it is missing.
 *
 * <p>The realm file holds {@code ${NAME}} placeholders (realm name, admin group, the core's URL, client secrets,
 * the first administrator); {@link Settings#realmVariables()} gives their values.
 */
public final class KeycloakServer implements AutoCloseable {

  /** Where and how to run; {@code home} is the unpacked distribution. */
  public record Settings(
      Path home,
      Path dataDir,
      int httpPort,
      int managementPort,
      String bootstrapAdmin,
      String bootstrapPassword,
      Path realmFile,
      Map<String, String> realmVariables,
      Path logFile) {

    public String realm() {
      return realmVariables.getOrDefault("PORTCULLIS_OIDC_REALM", "portcullis");
    }
  }

  private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

  private final Settings settings;
  private final Process process;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private KeycloakServer(Settings settings, Process process) {
    this.settings = settings;
    this.process = process;
  }

  /** Starts Keycloak, waits until it answers (at most {@code timeout}) and creates the realm if missing. */
  public static KeycloakServer start(Settings settings, Duration timeout) throws IOException, InterruptedException {
    Path kc = settings.home().resolve("bin/kc.sh");
    if (!Files.isExecutable(kc)) {
      throw new IOException("no Keycloak distribution at " + settings.home() + " (build the dev module: mvn -pl dev package)");
    }
    Path data = settings.dataDir().toAbsolutePath();
    Files.createDirectories(data);
    List<String> command = new ArrayList<>(List.of(
        kc.toString(), "start-dev",
        "--http-host=127.0.0.1",
        "--http-port=" + settings.httpPort(),
        "--http-management-port=" + settings.managementPort(),
        "--health-enabled=true",
        "--db-url=jdbc:h2:file:" + data.resolve("keycloakdb") + ";NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Files.createDirectories(settings.logFile().toAbsolutePath().getParent());
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(settings.logFile().toFile()));
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("KC_BOOTSTRAP_ADMIN_USERNAME", settings.bootstrapAdmin());
    env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", settings.bootstrapPassword());
    env.put("JAVA_OPTS_KC_HEAP", "-XX:MaxRAMPercentage=10 -Xms64m -Xmx512m");
    KeycloakServer server = new KeycloakServer(settings, builder.start());
    try {
      server.awaitReady(timeout);
      server.ensureRealm();
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** The base URL, such as {@code http://127.0.0.1:8180}. */
  public String url() {
    return "http://127.0.0.1:" + settings.httpPort();
  }

  /** The realm's issuer URL. */
  public String realmUrl() {
    return url() + "/realms/" + settings.realm();
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    URI probe = URI.create(url() + "/realms/master/.well-known/openid-configuration");
    while (true) {
      if (!process.isAlive()) {
        throw new IOException("Keycloak exited with status " + process.exitValue() + "; see " + settings.logFile());
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IOException("Keycloak did not answer within " + timeout.toSeconds() + " s; see " + settings.logFile());
      }
      Thread.sleep(500);
    }
  }

  /** A token of the master realm's bootstrap administrator, for the admin API. */
  public String masterAdminToken() throws IOException, InterruptedException {
    String form = "grant_type=password&client_id=admin-cli&username=" + enc(settings.bootstrapAdmin())
        + "&password=" + enc(settings.bootstrapPassword());
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create(url() + "/realms/master/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher m = ACCESS_TOKEN.matcher(r.body());
    if (r.statusCode() != 200 || !m.find()) {
      throw new IOException("cannot log in to Keycloak's master realm as " + settings.bootstrapAdmin() + ": "
          + r.statusCode() + " " + r.body());
    }
    return m.group(1);
  }

  private void ensureRealm() throws IOException, InterruptedException {
    String token = masterAdminToken();
    HttpResponse<Void> exists = http.send(
        HttpRequest.newBuilder(URI.create(url() + "/admin/realms/" + enc(settings.realm())))
            .header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.discarding());
    if (exists.statusCode() == 200) {
      return;
    }
    String json = substitute(Files.readString(settings.realmFile()), settings.realmVariables());
    HttpResponse<String> created = http.send(
        HttpRequest.newBuilder(URI.create(url() + "/admin/realms"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new IOException("cannot create realm " + settings.realm() + ": " + created.statusCode() + " " + created.body());
    }
  }

  /** Replaces every {@code ${NAME}} of {@code text} by its JSON-escaped value; an unknown name is an error. */
  static String substitute(String text, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("no value for ${" + m.group(1) + "} in the realm file");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(jsonEscape(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String jsonEscape(String value) {
    StringBuilder b = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    ProcessHandle handle = process.toHandle();
    List<ProcessHandle> children = handle.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The realm variables from the environment, with the defaults of a local installation. */
  public static Map<String, String> realmVariablesFromEnvironment(String coreUrl) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("PORTCULLIS_OIDC_REALM", env("PORTCULLIS_OIDC_REALM", "portcullis"));
    v.put("PORTCULLIS_ADMIN_GROUP", env("PORTCULLIS_ADMIN_GROUP", "portcullis-admin"));
    v.put("PORTCULLIS_URL", coreUrl);
    v.put("PORTCULLIS_OIDC_WEB_SECRET", env("PORTCULLIS_OIDC_WEB_SECRET", "portcullis-web-secret"));
    v.put("PORTCULLIS_OIDC_CORE_SECRET", env("PORTCULLIS_OIDC_CORE_SECRET", "portcullis-core-secret"));
    v.put("PORTCULLIS_ADMIN_USERNAME", env("PORTCULLIS_ADMIN_USERNAME", "admin"));
    v.put("PORTCULLIS_ADMIN_EMAIL", env("PORTCULLIS_ADMIN_EMAIL", "admin@portcullis.invalid"));
    v.put("PORTCULLIS_ADMIN_PASSWORD", env("PORTCULLIS_ADMIN_PASSWORD", "admin"));
    return v;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /**
   * Runs Keycloak in the foreground until the process is told to stop (SIGTERM/SIGINT).
   *
   * <p>Arguments: {@code KEYCLOAK_HOME DATA_DIR HTTP_PORT MANAGEMENT_PORT REALM_FILE CORE_URL LOG_FILE}; realm
   * values from the {@code PORTCULLIS_*} environment (see {@link #realmVariablesFromEnvironment}), the master
   * realm's bootstrap administrator from {@code PORTCULLIS_KEYCLOAK_ADMIN}/{@code _PASSWORD} (default
   * admin/admin). Prints {@code READY <realm-url>} when the realm is there.
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 7) {
      System.err.println("usage: KeycloakServer KEYCLOAK_HOME DATA_DIR HTTP_PORT MANAGEMENT_PORT REALM_FILE CORE_URL LOG_FILE");
      System.exit(2);
    }
    Settings settings = new Settings(
        Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
        env("PORTCULLIS_KEYCLOAK_ADMIN", "admin"), env("PORTCULLIS_KEYCLOAK_ADMIN_PASSWORD", "admin"),
        Path.of(args[4]), realmVariablesFromEnvironment(args[5]), Path.of(args[6]));
    KeycloakServer server;
    try {
      server = start(settings, Duration.ofSeconds(Long.parseLong(env("PORTCULLIS_KEYCLOAK_TIMEOUT", "240"))));
    } catch (IOException e) {
      System.err.println("Keycloak: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    System.out.println("READY " + server.realmUrl());
    System.out.flush();
    stopped.await();
  }
}
