package io.portcullis.gateway.cli;

import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.model.PeerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Formats a {@link DeviceState} the way {@code wg show} does (without colours): the interface, then its peers,
 * most recent handshake first. Keys other than public keys print as {@code (hidden)}. Stateless; the current
 * time is passed in.
 */
public final class ShowFormatter {

  private ShowFormatter() {}

  /** The text of {@code state} as of {@code now}, ending in a newline. */
  public static String format(DeviceState state, Instant now) {
    StringBuilder s = new StringBuilder();
    s.append("interface: ").append(state.name()).append('\n');
    state.publicKey().ifPresent(k -> s.append("  public key: ").append(k.toBase64()).append('\n'));
    state.privateKey().ifPresent(k -> s.append("  private key: (hidden)\n"));
    if (state.listenPort() != 0) {
      s.append("  listening port: ").append(state.listenPort()).append('\n');
    }
    if (state.fwmark() != 0) {
      s.append("  fwmark: 0x").append(Integer.toHexString(state.fwmark())).append('\n');
    }
    List<PeerState> peers = new ArrayList<>(state.peers());
    peers.sort(Comparator.comparing((PeerState p) -> p.lastHandshake().orElse(Instant.EPOCH)).reversed());
    for (PeerState p : peers) {
      s.append("\npeer: ").append(p.publicKey().toBase64()).append('\n');
      p.presharedKey().ifPresent(k -> s.append("  preshared key: (hidden)\n"));
      p.endpoint().ifPresent(e -> s.append("  endpoint: ").append(endpoint(e)).append('\n'));
      s.append("  allowed ips: ")
          .append(p.allowedIps().isEmpty() ? "(none)"
              : p.allowedIps().stream().map(IpPrefix::toString).collect(Collectors.joining(", ")))
          .append('\n');
      p.lastHandshake().ifPresent(h -> s.append("  latest handshake: ").append(ago(h, now)).append('\n'));
      if (p.rxBytes() != 0 || p.txBytes() != 0) {
        s.append("  transfer: ").append(bytes(p.rxBytes())).append(" received, ").append(bytes(p.txBytes()))
            .append(" sent\n");
      }
      if (p.persistentKeepalive() != 0) {
        s.append("  persistent keepalive: every ").append(duration(p.persistentKeepalive())).append('\n');
      }
    }
    return s.toString();
  }

  /** {@code 192.0.2.1:51820} or {@code [2001:db8::1]:51820}. */
  static String endpoint(java.net.InetSocketAddress e) {
    String host = IpPrefix.format(e.getAddress());
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + e.getPort();
  }

  /** "1 minute, 5 seconds ago", "Now", or "(in the future)" for a clock that went backwards. */
  static String ago(Instant then, Instant now) {
    long seconds = Duration.between(then, now).toSeconds();
    if (seconds < 0) {
      return "(in the future)";
    }
    if (seconds == 0) {
      return "Now";
    }
    return duration(seconds) + " ago";
  }

  /** wg's human duration: years, days, hours, minutes, seconds, zero parts left out. */
  static String duration(long seconds) {
    long[] parts = {seconds / (365L * 86400), seconds % (365L * 86400) / 86400, seconds % 86400 / 3600,
        seconds % 3600 / 60, seconds % 60};
    String[] names = {"year", "day", "hour", "minute", "second"};
    List<String> out = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] != 0) {
        out.add(parts[i] + " " + names[i] + (parts[i] == 1 ? "" : "s"));
      }
    }
    return String.join(", ", out);
  }

  /** "512 B", "1.50 KiB", "3.25 MiB", ... as wg prints transfer counters. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.2f %s", v, units[u]);
  }
}
