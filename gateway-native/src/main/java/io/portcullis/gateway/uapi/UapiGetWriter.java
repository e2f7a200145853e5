package io.portcullis.gateway.uapi;

import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerState;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * Writes a {@link DeviceState} as the body of a UAPI {@code get=1} reply, in the key order wg(8) and
 * wireguard-go use: device keys, then per peer {@code public_key} first and its {@code allowed_ip} lines last.
 * The caller appends {@code errno=0} and the empty line. Stateless and thread-safe.
 */
public final class UapiGetWriter {

  private UapiGetWriter() {}

  /** Appends the {@code key=value} lines of {@code state} to {@code out}, each ending in a newline. */
  public static void write(DeviceState state, StringBuilder out) {
    state.privateKey().ifPresent(k -> line(out, UapiProtocol.PRIVATE_KEY, k.toHex()));
    if (state.listenPort() != 0) {
      line(out, UapiProtocol.LISTEN_PORT, Integer.toString(state.listenPort()));
    }
    if (state.fwmark() != 0) {
      line(out, UapiProtocol.FWMARK, Integer.toUnsignedString(state.fwmark()));
    }
    for (PeerState peer : state.peers()) {
      line(out, UapiProtocol.PUBLIC_KEY, peer.publicKey().toHex());
      line(out, UapiProtocol.PRESHARED_KEY, peer.presharedKey().orElse(Key.zero()).toHex());
      line(out, UapiProtocol.PROTOCOL_VERSION, Integer.toString(peer.protocolVersion()));
      peer.endpoint().ifPresent(e -> line(out, UapiProtocol.ENDPOINT, formatEndpoint(e)));
      Instant handshake = peer.lastHandshake().orElse(Instant.EPOCH);
      line(out, UapiProtocol.LAST_HANDSHAKE_TIME_SEC, Long.toString(handshake.getEpochSecond()));
      line(out, UapiProtocol.LAST_HANDSHAKE_TIME_NSEC, Integer.toString(handshake.getNano()));
      line(out, UapiProtocol.TX_BYTES, Long.toUnsignedString(peer.txBytes()));
      line(out, UapiProtocol.RX_BYTES, Long.toUnsignedString(peer.rxBytes()));
      line(out, UapiProtocol.PERSISTENT_KEEPALIVE_INTERVAL, Integer.toString(peer.persistentKeepalive()));
      for (IpPrefix prefix : peer.allowedIps()) {
        line(out, UapiProtocol.ALLOWED_IP, prefix.toString());
      }
    }
  }

  /** {@code 192.0.2.1:51820} or {@code [2001:db8::1]:51820}, the form wg(8) parses. */
  public static String formatEndpoint(InetSocketAddress endpoint) {
    String host = endpoint.getAddress().getHostAddress().replaceFirst("%.*$", "");
    if (endpoint.getAddress() instanceof Inet6Address) {
      host = "[" + host + "]";
    }
    return host + ":" + endpoint.getPort();
  }

  private static void line(StringBuilder out, String key, String value) {
    out.append(key).append('=').append(value).append('\n');
  }
}
