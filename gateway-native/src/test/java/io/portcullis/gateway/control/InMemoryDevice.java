package io.portcullis.gateway.control;

import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerState;
import io.portcullis.gateway.model.PeerUpdate;
import io.portcullis.gateway.model.WireGuardDevice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A WireGuard device that only keeps its configuration, applying updates with UAPI semantics; for tests. */
final class InMemoryDevice implements WireGuardDevice {
  private Optional<Key> privateKey = Optional.empty();
  private int listenPort;
  private int fwmark;
  private final Map<Key, PeerState> peers = new LinkedHashMap<>();
  final List<DeviceUpdate> applied = java.util.Collections.synchronizedList(new ArrayList<>());

  @Override
  public String name() {
    return "wgtest";
  }

  @Override
  public String mode() {
    return "userspace";
  }

  @Override
  public synchronized void apply(DeviceUpdate update) {
    applied.add(update);
    update.privateKey().ifPresent(k -> privateKey = k.isZero() ? Optional.empty() : Optional.of(k));
    update.listenPort().ifPresent(p -> listenPort = p);
    update.fwmark().ifPresent(f -> fwmark = f);
    if (update.replacePeers()) {
      peers.clear();
    }
    for (PeerUpdate u : update.peers()) {
      PeerState have = peers.get(u.publicKey());
      if (u.remove()) {
        peers.remove(u.publicKey());
        continue;
      }
      if (have == null && u.updateOnly()) {
        continue;
      }
      if (have == null) {
        have = new PeerState(u.publicKey(), Optional.empty(), Optional.empty(), 0, Optional.empty(), 0, 0, List.of(), 1);
      }
      List<IpPrefix> allowed = u.replaceAllowedIps() ? new ArrayList<>() : new ArrayList<>(have.allowedIps());
      allowed.addAll(u.allowedIps());
      peers.put(
          u.publicKey(),
          new PeerState(
              u.publicKey(),
              u.presharedKey().isPresent()
                  ? u.presharedKey().filter(k -> !k.isZero())
                  : have.presharedKey(),
              u.endpoint().isPresent() ? u.endpoint() : have.endpoint(),
              u.persistentKeepalive().orElse(have.persistentKeepalive()),
              have.lastHandshake(),
              have.rxBytes(),
              have.txBytes(),
              allowed,
              1));
    }
  }

  @Override
  public synchronized DeviceState state() {
    return new DeviceState(name(), privateKey, Optional.empty(), listenPort, fwmark, List.copyOf(peers.values()));
  }

  /** As if an authenticated packet of {@code key} had arrived from {@code endpoint}. */
  synchronized void learnEndpoint(Key key, java.net.InetSocketAddress endpoint) {
    PeerState p = peers.get(key);
    peers.put(
        key,
        new PeerState(
            key, p.presharedKey(), Optional.of(endpoint), p.persistentKeepalive(), p.lastHandshake(), p.rxBytes(),
            p.txBytes(), p.allowedIps(), p.protocolVersion()));
  }

  synchronized List<Key> peerKeys() {
    return List.copyOf(peers.keySet());
  }

  @Override
  public void close() {}
}
