package io.portcullis.gateway.config;

import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.PeerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Writes a {@link WgQuickConfig} in the wg-quick file format, and builds the configuration that
 * {@code SaveConfig = true} writes back on {@code down}: the file's wg-quick-only keys with the device's current
 * keys and peers (as wg-quick does with {@code wg showconf}). Stateless and thread-safe.
 */
public final class WgQuickWriter {

  private WgQuickWriter() {}

  /** The text of {@code config}, which {@link WgQuickParser} reads back to an equal configuration. */
  public static String write(WgQuickConfig config) {
    StringBuilder s = new StringBuilder("[Interface]\n");
    if (!config.addresses().isEmpty()) {
      s.append("Address = ").append(join(config.addresses())).append('\n');
    }
    if (!config.dns().isEmpty()) {
      s.append("DNS = ").append(String.join(", ", config.dns())).append('\n');
    }
    config.mtu().ifPresent(m -> s.append("MTU = ").append(m).append('\n'));
    if (!WgQuickConfig.TABLE_AUTO.equals(config.table())) {
      s.append("Table = ").append(config.table()).append('\n');
    }
    config.preUp().forEach(h -> s.append("PreUp = ").append(h).append('\n'));
    config.postUp().forEach(h -> s.append("PostUp = ").append(h).append('\n'));
    config.preDown().forEach(h -> s.append("PreDown = ").append(h).append('\n'));
    config.postDown().forEach(h -> s.append("PostDown = ").append(h).append('\n'));
    if (config.saveConfig()) {
      s.append("SaveConfig = true\n");
    }
    config.listenPort().ifPresent(p -> s.append("ListenPort = ").append(p).append('\n'));
    if (config.fwmark() != 0) {
      s.append("FwMark = 0x").append(Integer.toHexString(config.fwmark())).append('\n');
    }
    config.privateKey().ifPresent(k -> s.append("PrivateKey = ").append(k.toBase64()).append('\n'));
    for (WgQuickPeer p : config.peers()) {
      s.append("\n[Peer]\nPublicKey = ").append(p.publicKey().toBase64()).append('\n');
      p.presharedKey().ifPresent(k -> s.append("PresharedKey = ").append(k.toBase64()).append('\n'));
      if (!p.allowedIps().isEmpty()) {
        s.append("AllowedIPs = ").append(join(p.allowedIps())).append('\n');
      }
      p.endpoint().ifPresent(e -> s.append("Endpoint = ").append(e).append('\n'));
      if (p.persistentKeepalive() != 0) {
        s.append("PersistentKeepalive = ").append(p.persistentKeepalive()).append('\n');
      }
    }
    return s.toString();
  }

  /**
   * What {@code SaveConfig} saves: wg-quick-only keys from {@code file}, everything wg(8) knows from
   * {@code state} (the learned endpoints included).
   */
  public static WgQuickConfig saved(WgQuickConfig file, DeviceState state) {
    List<WgQuickPeer> peers = new ArrayList<>();
    for (PeerState p : state.peers()) {
      Optional<PeerEndpoint> endpoint =
          p.endpoint().map(e -> new PeerEndpoint(IpPrefix.format(e.getAddress()), e.getPort()));
      peers.add(new WgQuickPeer(p.publicKey(), p.presharedKey(), p.allowedIps(), endpoint,
          p.persistentKeepalive(), 0));
    }
    OptionalInt port = state.listenPort() == 0 ? OptionalInt.empty() : OptionalInt.of(state.listenPort());
    return new WgQuickConfig(file.file(), state.privateKey(), port, state.fwmark(), file.addresses(), file.dns(),
        file.mtu(), file.table(), file.preUp(), file.postUp(), file.preDown(), file.postDown(),
        file.saveConfig(), peers);
  }

  private static String join(List<IpPrefix> prefixes) {
    return prefixes.stream().map(IpPrefix::toString).collect(Collectors.joining(", "));
  }
}
