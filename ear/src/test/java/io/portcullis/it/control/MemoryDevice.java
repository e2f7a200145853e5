package io.portcullis.it.control;

import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerState;
import io.portcullis.gateway.model.PeerUpdate;
import io.portcullis.gateway.model.WireGuardDevice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WireGuard device that keeps only its configuration (UAPI set semantics) and reports growing counters, so
 * the control channel can be driven end to end without a TUN device; it records when each peer appeared and
 * disappeared.
 */
final class MemoryDevice implements WireGuardDevice {
  private Optional<Key> privateKey = Optional.empty();
  private int listenPort;
  private final Map<Key, PeerState> peers = new LinkedHashMap<>();
  private final Map<Key, Long> seenAtNanos = new LinkedHashMap<>();
  private final AtomicInteger applies = new AtomicInteger();
  private long counter;

  @Override
  public String name() {
    return "wgit";
  }

  @Override
  public String mode() {
    return "userspace";
  }

  @Override
  public synchronized void apply(DeviceUpdate update) {
    applies.incrementAndGet();
    update.privateKey().ifPresent(k -> privateKey = k.isZero() ? Optional.empty() : Optional.of(k));
    update.listenPort().ifPresent(p -> listenPort = p);
    if (update.replacePeers()) {
      peers.clear();
    }
    long now = System.nanoTime();
    for (PeerUpdate u : update.peers()) {
      if (u.remove()) {
        peers.remove(u.publicKey());
        seenAtNanos.put(u.publicKey(), now);
        continue;
      }
      PeerState have = peers.get(u.publicKey());
      List<IpPrefix> allowed =
          u.replaceAllowedIps() || have == null ? new ArrayList<>() : new ArrayList<>(have.allowedIps());
      allowed.addAll(u.allowedIps());
      // Keeps what a real interface keeps, so that a full configuration diffed against it is empty when
      // nothing changed (a reconnection must not touch the interface).
      Optional<Key> psk =
          u.presharedKey().isPresent()
              ? u.presharedKey().filter(k -> !k.isZero())
              : have == null ? Optional.empty() : have.presharedKey();
      int keepalive =
          u.persistentKeepalive().orElse(have == null ? 0 : have.persistentKeepalive());
      peers.put(
          u.publicKey(),
          new PeerState(u.publicKey(), psk, Optional.empty(), keepalive, Optional.of(Instant.now()), 0, 0, allowed, 1));
      if (have == null) {
        seenAtNanos.put(u.publicKey(), now);
      }
    }
    notifyAll();
  }

  @Override
  public synchronized DeviceState state() {
    // Counters grow with every read, as if traffic flowed, so stats reports always carry news.
    counter += 1000;
    List<PeerState> grown = new ArrayList<>();
    for (PeerState p : peers.values()) {
      grown.add(
          new PeerState(
              p.publicKey(), p.presharedKey(), p.endpoint(), p.persistentKeepalive(), p.lastHandshake(), counter,
              counter * 2, p.allowedIps(), p.protocolVersion()));
    }
    return new DeviceState(name(), privateKey, Optional.empty(), listenPort, 0, grown);
  }

  synchronized boolean hasPeer(Key key) {
    return peers.containsKey(key);
  }

  synchronized int peerCount() {
    return peers.size();
  }

  synchronized List<IpPrefix> allowedIps(Key key) {
    PeerState p = peers.get(key);
    return p == null ? List.of() : p.allowedIps();
  }

  synchronized Optional<Key> privateKey() {
    return privateKey;
  }

  /** When the peer last appeared or disappeared ({@link System#nanoTime()}), or -1. */
  synchronized long changedAtNanos(Key key) {
    return seenAtNanos.getOrDefault(key, -1L);
  }

  int applies() {
    return applies.get();
  }

  @Override
  public void close() {}
}
