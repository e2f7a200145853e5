package io.portcullis.core.domain.service;

import io.portcullis.core.domain.model.network.Cidr;
import io.portcullis.core.domain.model.network.Endpoint;
import io.portcullis.core.domain.model.wireguard.WireGuardKey;
import java.util.List;
import java.util.Objects;

/**
 * Everything a wg-quick(8) file for one device at one location says; {@code privateKey} is null when the
 * server does not know it (the usual case) and a placeholder is written instead.
 */
public record WgQuickConfig(
    String comment,
    WireGuardKey privateKey,
    List<Cidr> addresses,
    List<String> dns,
    Integer mtu,
    WireGuardKey peerPublicKey,
    Endpoint endpoint,
    List<Cidr> allowedIps,
    Integer persistentKeepalive) {

  public WgQuickConfig {
    addresses = List.copyOf(addresses);
    dns = List.copyOf(dns);
    allowedIps = List.copyOf(allowedIps);
    Objects.requireNonNull(peerPublicKey, "peerPublicKey");
    Objects.requireNonNull(endpoint, "endpoint");
  }

  /** Hides the private key from log lines. */
  @Override
  public String toString() {
    return "WgQuickConfig[" + comment + ", addresses=" + addresses + ", peer=" + peerPublicKey + "@" + endpoint + "]";
  }
}
