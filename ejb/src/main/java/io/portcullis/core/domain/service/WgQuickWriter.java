package io.portcullis.core.domain.service;

import io.portcullis.core.domain.model.network.Cidr;
import java.util.List;
import java.util.stream.Collectors;

/** Writes a device's configuration in the format wg-quick(8) reads: an [Interface] and one [Peer] section. */
public final class WgQuickWriter {

  /** What stands in for the private key the server never sees. */
  public static final String PRIVATE_KEY_PLACEHOLDER = "<paste this device's private key here>";

  private WgQuickWriter() {}

  /** The file's text, lines ending in '\n'; optional settings that are unset are left out. */
  public static String write(WgQuickConfig config) {
    StringBuilder out = new StringBuilder();
    if (config.comment() != null && !config.comment().isBlank()) {
      config.comment().lines().forEach(line -> out.append("# ").append(line).append('\n'));
    }
    out.append("[Interface]\n");
    line(out, "PrivateKey", config.privateKey() == null ? PRIVATE_KEY_PLACEHOLDER : config.privateKey().base64());
    line(out, "Address", join(config.addresses()));
    if (!config.dns().isEmpty()) {
      line(out, "DNS", String.join(", ", config.dns()));
    }
    if (config.mtu() != null) {
      line(out, "MTU", config.mtu().toString());
    }
    out.append('\n');
    out.append("[Peer]\n");
    line(out, "PublicKey", config.peerPublicKey().base64());
    line(out, "Endpoint", config.endpoint().toString());
    line(out, "AllowedIPs", join(config.allowedIps()));
    if (config.persistentKeepalive() != null && config.persistentKeepalive() > 0) {
      line(out, "PersistentKeepalive", config.persistentKeepalive().toString());
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String key, String value) {
    out.append(key).append(" = ").append(value).append('\n');
  }

  private static String join(List<Cidr> prefixes) {
    return prefixes.stream().map(Cidr::toString).collect(Collectors.joining(", "));
  }
}
