package io.portcullis.core.infrastructure.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The control channel's settings, read once at startup from system properties (which {@code
 * wildfly-config/05-grpc.cli} fills from {@code PORTCULLIS_GRPC_*} environment variables).
 *
 * @param port TCP port of the gRPC server ({@code portcullis.grpc.port}, default 50055)
 * @param bindAddress address to listen on ({@code portcullis.grpc.bind-address}, default all)
 * @param tls how the channel is secured ({@code portcullis.grpc.tls})
 * @param mutualTls whether gateways must present a client certificate ({@code portcullis.grpc.mtls})
 * @param pkiDirectory where the internal CA keeps its files ({@code portcullis.grpc.pki-dir})
 * @param serverNames DNS names and IP addresses of the server certificate the internal CA issues
 * @param certificateFile PEM server certificate chain in {@code files} mode
 * @param keyFile PEM PKCS#8 key of {@code certificateFile}
 * @param clientCaFile PEM CA that signs client certificates in {@code files} mode with mutual TLS
 * @param certificateLifetime validity of certificates the internal CA issues
 * @param resyncInterval how often every connected location is recomputed in case an event was missed
 */
public record ControlSettings(
    int port,
    String bindAddress,
    TlsMode tls,
    boolean mutualTls,
    Path pkiDirectory,
    List<String> serverNames,
    Optional<Path> certificateFile,
    Optional<Path> keyFile,
    Optional<Path> clientCaFile,
    Duration certificateLifetime,
    Duration resyncInterval) {

  /** The control port of the design. */
  public static final int DEFAULT_PORT = 50055;

  /** How the channel is secured. */
  public enum TlsMode {
    /** The core runs its own CA (Bouncy Castle) and issues its server and the gateways' client certificates. */
    INTERNAL_CA,
    /** A server certificate from any CA, read from files. */
    FILES,
    /** No encryption: development only, with a warning at startup. */
    PLAINTEXT
  }

  public ControlSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("portcullis.grpc.port " + port + " is out of range");
    }
    serverNames = List.copyOf(serverNames);
    if (tls == TlsMode.FILES && (certificateFile.isEmpty() || keyFile.isEmpty())) {
      throw new IllegalArgumentException(
          "portcullis.grpc.tls=files needs portcullis.grpc.cert and portcullis.grpc.key");
    }
    if (tls == TlsMode.FILES && mutualTls && clientCaFile.isEmpty()) {
      throw new IllegalArgumentException("mutual TLS with portcullis.grpc.tls=files needs portcullis.grpc.client-ca");
    }
  }

  /** Reads the settings from {@code properties} (normally {@link System#getProperty(String)}). */
  public static ControlSettings from(UnaryOperator<String> properties) {
    TlsMode tls =
        switch (value(properties, "portcullis.grpc.tls", "internal-ca").toLowerCase(Locale.ROOT)) {
          case "internal-ca" -> TlsMode.INTERNAL_CA;
          case "files" -> TlsMode.FILES;
          case "plaintext" -> TlsMode.PLAINTEXT;
          default ->
              throw new IllegalArgumentException(
                  "portcullis.grpc.tls must be internal-ca, files or plaintext, not '"
                      + properties.apply("portcullis.grpc.tls") + "'");
        };
    String dataDir = value(properties, "jboss.server.data.dir", System.getProperty("java.io.tmpdir"));
    List<String> names = new ArrayList<>();
    for (String name : value(properties, "portcullis.grpc.server-names", "localhost,127.0.0.1").split(",")) {
      if (!name.isBlank()) {
        names.add(name.strip());
      }
    }
    return new ControlSettings(
        Integer.parseInt(value(properties, "portcullis.grpc.port", String.valueOf(DEFAULT_PORT))),
        value(properties, "portcullis.grpc.bind-address", "0.0.0.0"),
        tls,
        tls != TlsMode.PLAINTEXT
            && Boolean.parseBoolean(
                value(properties, "portcullis.grpc.mtls", tls == TlsMode.INTERNAL_CA ? "true" : "false")),
        Path.of(value(properties, "portcullis.grpc.pki-dir", dataDir + "/portcullis/pki")),
        names,
        path(properties, "portcullis.grpc.cert"),
        path(properties, "portcullis.grpc.key"),
        path(properties, "portcullis.grpc.client-ca"),
        Duration.ofDays(Long.parseLong(value(properties, "portcullis.grpc.certificate-days", "90"))),
        Duration.ofSeconds(Long.parseLong(value(properties, "portcullis.grpc.resync-seconds", "30"))));
  }

  private static String value(UnaryOperator<String> properties, String name, String fallback) {
    String v = properties.apply(name);
    return v == null || v.isBlank() ? fallback : v.strip();
  }

  private static Optional<Path> path(UnaryOperator<String> properties, String name) {
    String v = properties.apply(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v.strip()));
  }
}
