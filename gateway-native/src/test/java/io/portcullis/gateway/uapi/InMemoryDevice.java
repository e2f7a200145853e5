package io.portcullis.gateway.uapi;

import io.portcullis.gateway.cli.Curve25519Keys;
import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerState;
import io.portcullis.gateway.model.PeerUpdate;
import io.portcullis.gateway.model.WireGuardDevice;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A configuration-only {@link WireGuardDevice} for tests: applies {@link DeviceUpdate}s with the UAPI semantics
 * (an allowed IP belongs to one peer at a time, zero keys remove) and reports them, with no packets at all.
 */
public final class InMemoryDevice implements WireGuardDevice {
  private final String name;
  private Optional<Key> privateKey = Optional.empty();
  private int listenPort;
  private int fwmark;
  private Map<Key, PeerState> peers = new LinkedHashMap<>();
  private int applied;
  private boolean closed;
  private int refusedPort = -1;

  public InMemoryDevice(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String mode() {
    return "memory";
  }

  /** How many updates were applied so far. */
  public synchronized int appliedCount() {
    return applied;
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  /** Makes {@link #apply} refuse {@code port} as taken, the way a real bind would. */
  public synchronized void refusePort(int port) {
    refusedPort = port;
  }

  @Override
  public synchronized void apply(DeviceUpdate update) throws BindException {
    if (update.listenPort().isPresent() && update.listenPort().getAsInt() == refusedPort) {
      throw new BindException("port " + refusedPort + " is in use");
    }
    Map<Key, PeerState> next = new LinkedHashMap<>(peers);
    if (update.replacePeers()) {
      Set<Key> named = new HashSet<>();
      update.peers().forEach(p -> named.add(p.publicKey()));
      next.keySet().retainAll(named);
    }
    for (PeerUpdate p : update.peers()) {
      if (p.remove()) {
        next.remove(p.publicKey());
        continue;
      }
      PeerState old = next.get(p.publicKey());
      if (old == null && p.updateOnly()) {
        continue;
      }
      if (old == null) {
        old = new PeerState(p.publicKey(), Optional.empty(), Optional.empty(), 0, Optional.empty(), 0, 0, List.of(), 1);
      }
      Optional<Key> psk = p.presharedKey().isPresent() ? p.presharedKey().filter(k -> !k.isZero()) : old.presharedKey();
      Optional<InetSocketAddress> endpoint = p.endpoint().isPresent() ? p.endpoint() : old.endpoint();
      int keepalive = p.persistentKeepalive().orElse(old.persistentKeepalive());
      List<IpPrefix> ips = new ArrayList<>(p.replaceAllowedIps() ? List.of() : old.allowedIps());
      for (IpPrefix prefix : p.allowedIps()) {
        IpPrefix m = prefix.masked();
        for (Map.Entry<Key, PeerState> e : next.entrySet()) {
          if (!e.getKey().equals(p.publicKey()) && e.getValue().allowedIps().contains(m)) {
            List<IpPrefix> rest = new ArrayList<>(e.getValue().allowedIps());
            rest.remove(m);
            PeerState o = e.getValue();
            e.setValue(new PeerState(o.publicKey(), o.presharedKey(), o.endpoint(), o.persistentKeepalive(),
                o.lastHandshake(), o.rxBytes(), o.txBytes(), rest, 1));
          }
        }
        if (!ips.contains(m)) {
          ips.add(m);
        }
      }
      next.put(p.publicKey(), new PeerState(p.publicKey(), psk, endpoint, keepalive, old.lastHandshake(),
          old.rxBytes(), old.txBytes(), ips, 1));
    }
    update.privateKey().ifPresent(k -> privateKey = k.isZero() ? Optional.empty() : Optional.of(k));
    update.listenPort().ifPresent(p -> listenPort = p == 0 ? 40_000 + (name.hashCode() & 0xfff) : p);
    update.fwmark().ifPresent(f -> fwmark = f);
    peers = next;
    applied++;
  }

  @Override
  public synchronized DeviceState state() {
    return new DeviceState(name, privateKey, privateKey.map(Curve25519Keys::publicKey), listenPort, fwmark,
        List.copyOf(peers.values()));
  }

  @Override
  public synchronized void close() {
    closed = true;
  }
}
