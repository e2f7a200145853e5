package io.portcullis.gateway.uapi;

import static io.portcullis.gateway.uapi.UapiProtocol.EINVAL;

import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerState;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses the body of a UAPI {@code get=1} reply (the lines before {@code errno=}) back into a
 * {@link DeviceState}, for {@code portcullis-gateway show} and for tests. The public key is left empty: deriving
 * it is the caller's business. Unknown keys are skipped, as wg(8) skips them. Stateless and thread-safe.
 */
public final class UapiGetParser {

  private UapiGetParser() {}

  /**
   * Parses {@code lines} of interface {@code name}.
   *
   * @throws UapiException EINVAL for a malformed line
   */
  public static DeviceState parse(String name, List<String> lines) throws UapiException {
    Optional<Key> privateKey = Optional.empty();
    int listenPort = 0;
    int fwmark = 0;
    List<PeerState> peers = new ArrayList<>();
    Peer peer = null;
    for (String line : lines) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new UapiException(EINVAL, "reply line without key=value");
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1);
      try {
        switch (key) {
          case UapiProtocol.PRIVATE_KEY -> privateKey = Optional.of(Key.fromHex(value)).filter(k -> !k.isZero());
          case UapiProtocol.LISTEN_PORT -> listenPort = Integer.parseInt(value);
          case UapiProtocol.FWMARK -> fwmark = Integer.parseUnsignedInt(value);
          case UapiProtocol.PUBLIC_KEY -> {
            if (peer != null) {
              peers.add(peer.build());
            }
            peer = new Peer(Key.fromHex(value));
          }
          default -> {
            if (peer != null) {
              peer.accept(key, value);
            }
          }
        }
      } catch (IllegalArgumentException e) {
        throw new UapiException(EINVAL, key + ": " + e.getMessage());
      }
    }
    if (peer != null) {
      peers.add(peer.build());
    }
    return new DeviceState(name, privateKey, Optional.empty(), listenPort, fwmark, peers);
  }

  /** The fields of one peer while its lines are read. */
  private static final class Peer {
    private final Key publicKey;
    private Optional<Key> presharedKey = Optional.empty();
    private Optional<InetSocketAddress> endpoint = Optional.empty();
    private int keepalive;
    private long handshakeSec;
    private long handshakeNsec;
    private long rx;
    private long tx;
    private int protocolVersion = UapiProtocol.SUPPORTED_PROTOCOL_VERSION;
    private final List<IpPrefix> allowedIps = new ArrayList<>();

    Peer(Key publicKey) {
      this.publicKey = publicKey;
    }

    void accept(String key, String value) throws UapiException {
      switch (key) {
        case UapiProtocol.PRESHARED_KEY -> presharedKey = Optional.of(Key.fromHex(value)).filter(k -> !k.isZero());
        case UapiProtocol.ENDPOINT -> endpoint = Optional.of(UapiSetParser.parseEndpoint(value));
        case UapiProtocol.PERSISTENT_KEEPALIVE_INTERVAL -> keepalive = Integer.parseInt(value);
        case UapiProtocol.LAST_HANDSHAKE_TIME_SEC -> handshakeSec = Long.parseLong(value);
        case UapiProtocol.LAST_HANDSHAKE_TIME_NSEC -> handshakeNsec = Long.parseLong(value);
        case UapiProtocol.RX_BYTES -> rx = Long.parseUnsignedLong(value);
        case UapiProtocol.TX_BYTES -> tx = Long.parseUnsignedLong(value);
        case UapiProtocol.PROTOCOL_VERSION -> protocolVersion = Integer.parseInt(value);
        case UapiProtocol.ALLOWED_IP -> allowedIps.add(IpPrefix.parse(value));
        default -> {
          // Keys from a newer protocol revision: ignore, as wg(8) does.
        }
      }
    }

    PeerState build() {
      Optional<Instant> handshake =
          handshakeSec == 0 && handshakeNsec == 0
              ? Optional.empty()
              : Optional.of(Instant.ofEpochSecond(handshakeSec, handshakeNsec));
      return new PeerState(
          publicKey, presharedKey, endpoint, keepalive, handshake, rx, tx, allowedIps, protocolVersion);
    }
  }
}
