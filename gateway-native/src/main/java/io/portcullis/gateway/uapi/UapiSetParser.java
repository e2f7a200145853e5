package io.portcullis.gateway.uapi;

import static io.portcullis.gateway.uapi.UapiProtocol.EINVAL;

import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerUpdate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parses the body of a UAPI {@code set=1} request (the {@code key=value} lines after the operation line) into
 * one {@link DeviceUpdate}, so that a request is applied whole or not at all.
 *
 * <p>Device keys come first; each {@code public_key} starts a peer and every later key belongs to it, as the
 * specification says. Endpoints must be numeric ({@code 192.0.2.1:51820}, {@code [2001:db8::1]:51820}): wg(8)
 * resolves host names before it writes the request. Stateless and thread-safe.
 */
public final class UapiSetParser {

  private UapiSetParser() {}

  /**
   * Parses the lines of a set request, without the {@code set=1} line and without the terminating empty line.
   *
   * @throws UapiException with {@code EINVAL} naming the first bad line
   */
  public static DeviceUpdate parse(List<String> lines) throws UapiException {
    Optional<Key> privateKey = Optional.empty();
    OptionalInt listenPort = OptionalInt.empty();
    OptionalInt fwmark = OptionalInt.empty();
    boolean replacePeers = false;
    List<PeerUpdate> peers = new ArrayList<>();
    PeerBuilder peer = null;
    for (String line : lines) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw invalid("line without key=value: '" + printable(line) + "'");
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1);
      if (key.equals(UapiProtocol.PUBLIC_KEY)) {
        if (peer != null) {
          peers.add(peer.build());
        }
        peer = new PeerBuilder(hexKey(key, value));
        continue;
      }
      if (peer == null) {
        switch (key) {
          case UapiProtocol.PRIVATE_KEY -> privateKey = Optional.of(hexKey(key, value));
          case UapiProtocol.LISTEN_PORT -> listenPort = OptionalInt.of((int) number(key, value, 0xffff));
          case UapiProtocol.FWMARK -> fwmark = OptionalInt.of((int) number(key, value, 0xffff_ffffL));
          case UapiProtocol.REPLACE_PEERS -> replacePeers = flag(key, value);
          default -> throw invalid("unknown device key '" + printable(key) + "'");
        }
      } else {
        peer.accept(key, value);
      }
    }
    if (peer != null) {
      peers.add(peer.build());
    }
    return new DeviceUpdate(privateKey, listenPort, fwmark, replacePeers, peers);
  }

  /** Parses {@code A.B.C.D:PORT} or {@code [IPV6]:PORT} without any name lookup. */
  public static InetSocketAddress parseEndpoint(String value) throws UapiException {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw invalid("endpoint '" + printable(value) + "' is not HOST:PORT");
    }
    String host = value.substring(0, colon);
    boolean bracketed = host.startsWith("[") && host.endsWith("]");
    if (!bracketed && host.indexOf(':') >= 0) {
      throw invalid("IPv6 endpoint '" + printable(value) + "' needs brackets");
    }
    int port = (int) number(UapiProtocol.ENDPOINT, value.substring(colon + 1), 0xffff);
    InetAddress address;
    try {
      address = IpPrefix.parseNumericAddress(bracketed ? host.substring(1, host.length() - 1) : host);
    } catch (IllegalArgumentException e) {
      throw invalid("endpoint '" + printable(value) + "': " + e.getMessage());
    }
    if (bracketed != (address.getAddress().length == 16)) {
      throw invalid("endpoint '" + printable(value) + "': brackets are for IPv6 only");
    }
    return new InetSocketAddress(address, port);
  }

  private static Key hexKey(String key, String value) throws UapiException {
    try {
      return Key.fromHex(value);
    } catch (IllegalArgumentException e) {
      throw invalid(key + ": " + e.getMessage());
    }
  }

  private static long number(String key, String value, long max) throws UapiException {
    if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalid(key + ": '" + printable(value) + "' is not a decimal number");
    }
    long n = Long.parseLong(value);
    if (n > max) {
      throw invalid(key + ": " + n + " is larger than " + max);
    }
    return n;
  }

  private static boolean flag(String key, String value) throws UapiException {
    if (!value.equals(UapiProtocol.TRUE)) {
      throw invalid(key + " must be 'true', not '" + printable(value) + "'");
    }
    return true;
  }

  private static UapiException invalid(String message) {
    return new UapiException(EINVAL, message);
  }

  /** Keeps error messages on one printable line whatever a client sent. */
  private static String printable(String s) {
    String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return cut.replaceAll("[^\\x20-\\x7e…]", "?");
  }

  /** Collects the keys of one peer until the next {@code public_key}. */
  private static final class PeerBuilder {
    private final Key publicKey;
    private boolean remove;
    private boolean updateOnly;
    private Optional<Key> presharedKey = Optional.empty();
    private Optional<InetSocketAddress> endpoint = Optional.empty();
    private OptionalInt keepalive = OptionalInt.empty();
    private boolean replaceAllowedIps;
    private final List<IpPrefix> allowedIps = new ArrayList<>();

    PeerBuilder(Key publicKey) {
      this.publicKey = publicKey;
    }

    void accept(String key, String value) throws UapiException {
      switch (key) {
        case UapiProtocol.REMOVE -> remove = flag(key, value);
        case UapiProtocol.UPDATE_ONLY -> updateOnly = flag(key, value);
        case UapiProtocol.PRESHARED_KEY -> presharedKey = Optional.of(hexKey(key, value));
        case UapiProtocol.ENDPOINT -> endpoint = Optional.of(parseEndpoint(value));
        case UapiProtocol.PERSISTENT_KEEPALIVE_INTERVAL ->
            keepalive = OptionalInt.of((int) number(key, value, 0xffff));
        case UapiProtocol.REPLACE_ALLOWED_IPS -> replaceAllowedIps = flag(key, value);
        case UapiProtocol.ALLOWED_IP -> {
          try {
            allowedIps.add(IpPrefix.parse(value));
          } catch (IllegalArgumentException e) {
            throw invalid("allowed_ip: " + e.getMessage());
          }
        }
        case UapiProtocol.PROTOCOL_VERSION -> {
          if (number(key, value, Integer.MAX_VALUE) != UapiProtocol.SUPPORTED_PROTOCOL_VERSION) {
            throw invalid("protocol_version " + printable(value) + " is not supported");
          }
        }
        default -> throw invalid("unknown peer key '" + printable(key) + "'");
      }
    }

    PeerUpdate build() {
      return new PeerUpdate(
          publicKey, remove, updateOnly, presharedKey, endpoint, keepalive, replaceAllowedIps, allowedIps);
    }
  }
}
