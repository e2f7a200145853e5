package io.portcullis.gateway.uapi;

import java.nio.file.Path;

/**
 * Names and limits of the cross-platform userspace configuration protocol, as specified at
 * https://www.wireguard.com/xplatform/ and spoken by wg(8) over {@code /var/run/wireguard/<iface>.sock}.
 *
 * <p>Specification constants carry the spec's key names; implementation constants (limits) are ours and say so.
 */
public final class UapiProtocol {

  // ---- Specification: operations, each on its own line, a request ends with an empty line ----

  /** First line of a request that reads the configuration. */
  public static final String OP_GET = "get=1";
  /** First line of a request that changes the configuration. */
  public static final String OP_SET = "set=1";

  // ---- Specification: device keys (before the first public_key) ----

  public static final String PRIVATE_KEY = "private_key";
  public static final String LISTEN_PORT = "listen_port";
  public static final String FWMARK = "fwmark";
  public static final String REPLACE_PEERS = "replace_peers";

  // ---- Specification: peer keys (after a public_key, which starts a peer) ----

  public static final String PUBLIC_KEY = "public_key";
  public static final String REMOVE = "remove";
  public static final String UPDATE_ONLY = "update_only";
  public static final String PRESHARED_KEY = "preshared_key";
  public static final String ENDPOINT = "endpoint";
  public static final String PERSISTENT_KEEPALIVE_INTERVAL = "persistent_keepalive_interval";
  public static final String REPLACE_ALLOWED_IPS = "replace_allowed_ips";
  public static final String ALLOWED_IP = "allowed_ip";
  public static final String PROTOCOL_VERSION = "protocol_version";

  // ---- Specification: read-only peer keys of a get reply ----

  public static final String LAST_HANDSHAKE_TIME_SEC = "last_handshake_time_sec";
  public static final String LAST_HANDSHAKE_TIME_NSEC = "last_handshake_time_nsec";
  public static final String RX_BYTES = "rx_bytes";
  public static final String TX_BYTES = "tx_bytes";

  /** Last key of every reply; 0 means success, otherwise a negated errno value ({@code errno=-22}). */
  public static final String ERRNO = "errno";

  /** The only protocol version there is. */
  public static final int SUPPORTED_PROTOCOL_VERSION = 1;

  /** The value that boolean keys (replace_peers, remove, update_only, replace_allowed_ips) must have. */
  public static final String TRUE = "true";

  // ---- errno values used in replies (Linux numbering, as wg(8) prints them with strerror) ----

  /** EIO: the device failed to apply a valid request. */
  public static final int EIO = 5;
  /** EINVAL: the request is malformed; nothing was changed. */
  public static final int EINVAL = 22;
  /** EPROTO: the operation line is unknown. */
  public static final int EPROTO = 71;
  /** EADDRINUSE: the listen port is taken. */
  public static final int EADDRINUSE = 98;

  // ---- Implementation: where sockets live and how much a client may send ----

  /** Directory of the sockets; wg(8) looks for {@code <iface>.sock} here. */
  public static final Path SOCKET_DIRECTORY = Path.of("/var/run/wireguard");

  /** Longest accepted line in bytes; the longest legal line (a hex key) is under 80. */
  public static final int MAX_LINE_BYTES = 4096;

  /** Largest accepted request in bytes: enough for tens of thousands of peers. */
  public static final int MAX_REQUEST_BYTES = 32 * 1024 * 1024;

  /** A client that has not finished its request after this many milliseconds is disconnected. */
  public static final long REQUEST_TIMEOUT_MILLIS = 30_000;

  private UapiProtocol() {}

  /** The socket of interface {@code iface}. */
  public static Path socketPath(String iface) {
    return SOCKET_DIRECTORY.resolve(iface + ".sock");
  }
}
