package io.portcullis.gateway.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything {@code portcullis-gateway run} needs to reach the core and run its interface.
 *
 * @param grpcUrl the core's control endpoint, {@code https://host:50055} (TLS) or {@code http://host:50055}
 *     (plaintext, for development only)
 * @param token the gateway token created in the core ({@code pgw_...})
 * @param caFile PEM file of the CA that signed the core's certificate; the JDK's trust store when empty
 * @param clientCertificate PEM client certificate for mutual TLS, with {@code clientKey}
 * @param clientKey PEM PKCS#8 private key of the client certificate
 * @param interfaceName the WireGuard interface to create, e.g. {@code wg0}
 * @param name the gateway's name reported to the core (defaults to the host name)
 * @param userspace force the userspace data plane even where the kernel module exists
 * @param statsInterval how often per-peer counters are sent to the core
 * @param certificateCheckInterval how often the TLS files are checked for replacement and the client
 *     certificate for renewal (besides at every connection)
 */
public record GatewaySettings(
    String grpcUrl,
    String token,
    Optional<Path> caFile,
    Optional<Path> clientCertificate,
    Optional<Path> clientKey,
    String interfaceName,
    String name,
    boolean userspace,
    Duration statsInterval,
    Duration certificateCheckInterval) {

  /** Default control port of the core, as in the design. */
  public static final int DEFAULT_GRPC_PORT = 50055;

  public GatewaySettings {
    if (grpcUrl == null || !(grpcUrl.startsWith("https://") || grpcUrl.startsWith("http://"))) {
      throw new IllegalArgumentException(
          "PORTCULLIS_GRPC_URL must be https://HOST[:PORT] (or http:// for development), not '" + grpcUrl + "'");
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("PORTCULLIS_TOKEN is missing: create a gateway in the core first");
    }
    if (clientCertificate.isPresent() != clientKey.isPresent()) {
      throw new IllegalArgumentException("PORTCULLIS_GRPC_CERT and PORTCULLIS_GRPC_KEY go together");
    }
    if (interfaceName == null || !interfaceName.matches("[A-Za-z0-9_=+.-]{1,15}")) {
      throw new IllegalArgumentException("bad interface name '" + interfaceName + "' (1-15 of A-Za-z0-9_=+.-)");
    }
    if (statsInterval.isNegative() || statsInterval.isZero()) {
      throw new IllegalArgumentException("the stats interval must be positive");
    }
    if (certificateCheckInterval.isNegative() || certificateCheckInterval.isZero()) {
      throw new IllegalArgumentException("the certificate check interval must be positive");
    }
  }

  /** Whether the channel is plaintext (development only). */
  public boolean plaintext() {
    return grpcUrl.startsWith("http://");
  }

  /** Host part of {@link #grpcUrl()}. */
  public String host() {
    String rest = grpcUrl.substring(grpcUrl.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      rest = rest.substring(0, slash);
    }
    if (rest.startsWith("[")) {
      return rest.substring(1, rest.indexOf(']'));
    }
    int colon = rest.lastIndexOf(':');
    return colon < 0 ? rest : rest.substring(0, colon);
  }

  /** Port part of {@link #grpcUrl()}, {@value #DEFAULT_GRPC_PORT} when absent. */
  public int port() {
    String rest = grpcUrl.substring(grpcUrl.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      rest = rest.substring(0, slash);
    }
    int close = rest.lastIndexOf(']');
    int colon = rest.lastIndexOf(':');
    if (colon < 0 || colon < close) {
      return DEFAULT_GRPC_PORT;
    }
    try {
      int port = Integer.parseInt(rest.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in PORTCULLIS_GRPC_URL '" + grpcUrl + "'");
    }
  }

  /** The token with all but its first characters hidden, for logs. */
  public String redactedToken() {
    return token.length() <= 8 ? "****" : token.substring(0, 8) + "…";
  }
}
