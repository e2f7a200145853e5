package io.portcullis.gateway.device;

import io.portcullis.gateway.allowedips.AllowedIps;
import io.portcullis.gateway.conn.Bind;
import io.portcullis.gateway.conn.NativeUdpBind;
import io.portcullis.gateway.cookie.CookieChecker;
import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerState;
import io.portcullis.gateway.model.PeerUpdate;
import io.portcullis.gateway.model.WireGuardDevice;
import io.portcullis.gateway.noise.Keypair;
import io.portcullis.gateway.noise.StaticIdentity;
import io.portcullis.gateway.peer.IndexEntry;
import io.portcullis.gateway.peer.IndexTable;
import io.portcullis.gateway.peer.Peer;
import io.portcullis.gateway.time.Clock;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A WireGuard interface implemented in this process over a TUN device and a UDP socket.
 *
 * <p>Pipeline (three threads, see each agent's Javadoc):
 *
 * <pre>
 *   {name}-tx        TUN read ─ route (allowed IPs) ─ encrypt ─ UDP send        (SendPath)
 *   {name}-rx        UDP receive ─ classify ─ decrypt ─ replay ─ source check ─ TUN write  (ReceivePath)
 *                                 └─ handshake messages (MAC1 ok) ─┐
 *   {name}-handshake  queue ─ cookie/rate limit ─ Noise ─ keypairs; timers; staged flush  (HandshakePath)
 * </pre>
 *
 * <p>The send and receive paths run in parallel and share no mutable state besides atomic counters, the
 * keypairs' send counters and volatile references. Configuration ({@link #apply}) comes from other threads and
 * takes this object's lock; it publishes new routing with {@link AllowedIps#commit()} and new peers through a
 * concurrent map, so the packet path never locks.
 */
public final class UserspaceDevice implements WireGuardDevice {
  private static final System.Logger LOG = System.getLogger(UserspaceDevice.class.getName());

  /**
   * Whether the send and receive paths each get a {@link CryptoWorker} (on by default with two or more CPUs;
   * {@code -Dportcullis.gateway.parallelCrypto=false} turns it off, e.g. to compare).
   */
  static final boolean PARALLEL_CRYPTO =
      Boolean.parseBoolean(
          System.getProperty(
              "portcullis.gateway.parallelCrypto",
              String.valueOf(Runtime.getRuntime().availableProcessors() > 1)));

  private final String name;
  final TunPort tun;
  final Bind bind;
  final Clock clock;
  final SecureRandom random = new SecureRandom();
  final DeviceCounters counters = new DeviceCounters();
  final IndexTable<IndexEntry> index = new IndexTable<>(random);
  final AllowedIps<Peer> allowedIps = new AllowedIps<>();
  final CookieChecker cookieChecker;
  final HandshakePath handshakes;
  private final ConcurrentHashMap<Key, Peer> peers = new ConcurrentHashMap<>();
  private final LinkedHashMap<Key, Peer> peerOrder = new LinkedHashMap<>(); // guarded by this
  private volatile List<Peer> peerList = List.of();
  volatile StaticIdentity identity;
  volatile int mtu;
  private Key privateKey;
  private int fwmark;
  private final List<AgentRunner> runners = new ArrayList<>();
  private boolean closed;

  private UserspaceDevice(String name, TunPort tun, Bind bind, Clock clock) {
    this.name = name;
    this.tun = tun;
    this.bind = bind;
    this.clock = clock;
    this.mtu = tun.mtu();
    tun.counters(counters);
    this.cookieChecker = new CookieChecker(clock, random);
    this.handshakes = new HandshakePath(this);
  }

  /**
   * Opens a real TUN interface named {@code name} and UDP sockets (v4+v6, port from the first apply), and warms
   * up the AEAD before returning (see {@link AeadWarmup}; at most {@link AeadWarmup#MAX_NANOS}).
   */
  public static UserspaceDevice openLinux(String name) throws IOException {
    UserspaceDevice d =
        create(name, LinuxTunPort.open(name), new NativeUdpBind(Limits.BATCH_SIZE), Clock.system());
    // Returns once the AEAD is compiled (2-6 s on 2 busy cores), so the first packets do not run interpreted
    // crypto; devices over MemoryTun (tests) skip it.
    new AeadWarmup(name, d.mtu).warm();
    return d;
  }

  /** For tests: any tun/bind and an injected clock. Starts the data-plane threads. */
  public static UserspaceDevice create(String name, TunPort tun, Bind bind, Clock clock) {
    return create(name, tun, bind, clock, PARALLEL_CRYPTO);
  }

  /** For tests: as {@link #create(String, TunPort, Bind, Clock)} with crypto workers on or off. */
  static UserspaceDevice create(String name, TunPort tun, Bind bind, Clock clock, boolean parallelCrypto) {
    UserspaceDevice d = new UserspaceDevice(name, tun, bind, clock);
    d.start(parallelCrypto);
    return d;
  }

  private void start(boolean parallel) {
    for (Agent a : List.of(new SendPath(this, parallel), new ReceivePath(this, parallel), handshakes)) {
      runners.add(new AgentRunner(a, counters).start());
    }
    LOG.log(
        Level.INFO,
        "{0}: userspace WireGuard device up (mtu {1}, crypto workers {2})",
        name,
        String.valueOf(mtu),
        parallel ? "on" : "off");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String mode() {
    return "userspace";
  }

  /** The MTU the TUN uses (set by the CLI through rtnetlink), which the send path pads to. */
  public int mtu() {
    return mtu;
  }

  /** Counters by drop reason and event, for {@code show} and metrics. */
  public Map<String, Long> counters() {
    return counters.snapshot();
  }

  Peer peer(Key publicKey) {
    return peers.get(publicKey);
  }

  List<Peer> peerList() {
    return peerList;
  }

  /** Asks the handshake thread for an initiation to {@code peer}; any thread, cheap when already asked. */
  void requestHandshake(Peer peer) {
    if (peer.claimHandshakeRequest()) {
      handshakes.request(peer);
    }
  }

  /** Asks the handshake thread to send the staged packets of {@code peer} (or a keepalive). */
  void requestFlush(Peer peer) {
    if (peer.claimFlushRequest()) {
      handshakes.request(peer);
    }
  }

  /** Unregisters and wipes a keypair that was pushed out of its slot; null is ignored. */
  void retire(Peer peer, Keypair k) {
    if (k != null) {
      index.remove(k.localIndex(), new IndexEntry(peer, k));
      k.zero();
    }
  }

  /** Forgets all of a peer's keypairs and its handshake in flight (paper 6.3). */
  void zeroKeys(Peer peer) {
    for (Keypair k : peer.keypairs().clear()) {
      retire(peer, k);
    }
    peer.handshake().clear();
    counters.increment(DeviceCounters.Stat.KEYS_ZEROED);
  }

  @Override
  public synchronized void apply(DeviceUpdate u) throws IOException {
    if (closed) {
      throw new IOException(name + " is closed");
    }
    if (u.listenPort().isPresent() || bind.port() == 0) {
      int wanted = u.listenPort().orElse(0);
      if (bind.port() == 0 || (wanted != 0 && wanted != bind.port()) || (wanted == 0 && u.listenPort().isPresent())) {
        bind.open(wanted); // the only step that can fail on valid input, so it goes first
      }
    }
    if (u.privateKey().isPresent()) {
      Key k = u.privateKey().get();
      privateKey = k.isZero() ? null : k;
      StaticIdentity id = privateKey == null ? null : new StaticIdentity(privateKey.bytes());
      identity = id;
      cookieChecker.identity(id);
      for (Peer p : peerOrder.values()) {
        p.handshake().precompute(id);
      }
    }
    u.fwmark().ifPresent(f -> fwmark = f);
    if (u.replacePeers()) {
      Set<Key> keep = new HashSet<>();
      for (PeerUpdate pu : u.peers()) {
        if (!pu.remove()) {
          keep.add(pu.publicKey());
        }
      }
      for (Key k : new ArrayList<>(peerOrder.keySet())) {
        if (!keep.contains(k)) {
          removePeer(k);
        }
      }
    }
    for (PeerUpdate pu : u.peers()) {
      applyPeer(pu);
    }
    allowedIps.commit();
    peerList = List.copyOf(peerOrder.values());
  }

  private void applyPeer(PeerUpdate pu) {
    Key key = pu.publicKey();
    if (pu.remove()) {
      removePeer(key);
      return;
    }
    Peer p = peerOrder.get(key);
    if (p == null) {
      if (pu.updateOnly()) {
        return;
      }
      p = new Peer(key, clock, handshakes::actionsFor);
      p.handshake().precompute(identity);
      peerOrder.put(key, p);
      peers.put(key, p);
    }
    if (pu.presharedKey().isPresent()) {
      p.handshake().presharedKey(pu.presharedKey().get().bytes());
    }
    pu.endpoint().ifPresent(p::endpoint);
    if (pu.replaceAllowedIps()) {
      allowedIps.removeAll(p);
    }
    for (IpPrefix prefix : pu.allowedIps()) {
      allowedIps.insert(prefix, p);
    }
    if (pu.persistentKeepalive().isPresent()) {
      int s = pu.persistentKeepalive().getAsInt();
      boolean wasOff = p.timers().persistentKeepaliveSeconds() == 0;
      p.timers().persistentKeepalive(s);
      if (s > 0 && wasOff) {
        requestFlush(p); // the Linux behaviour: a keepalive (or handshake) right away
      }
    }
  }

  private void removePeer(Key key) {
    Peer p = peerOrder.remove(key);
    if (p == null) {
      return;
    }
    peers.remove(key);
    p.markRemoved();
    allowedIps.removeAll(p);
    zeroKeys(p);
    IndexEntry e = p.handshakeEntry;
    if (e != null) {
      index.remove(p.handshakeIndex, e);
    }
    p.clearStaged();
  }

  @Override
  public synchronized DeviceState state() {
    List<PeerState> ps = new ArrayList<>();
    for (Peer p : peerOrder.values()) {
      byte[] psk = p.handshake().presharedKey();
      Key pskKey = Key.of(psk);
      long hs = p.lastHandshakeEpochNanos();
      ps.add(
          new PeerState(
              p.publicKey(),
              pskKey.isZero() ? Optional.empty() : Optional.of(pskKey),
              Optional.ofNullable(p.endpoint()),
              p.timers().persistentKeepaliveSeconds(),
              hs == 0
                  ? Optional.empty()
                  : Optional.of(Instant.ofEpochSecond(hs / 1_000_000_000L, hs % 1_000_000_000L)),
              p.rxBytes().get(),
              p.txBytes().get(),
              allowedIps.prefixesOf(p),
              1));
    }
    StaticIdentity id = identity;
    return new DeviceState(
        name,
        Optional.ofNullable(privateKey),
        id == null ? Optional.empty() : Optional.of(Key.of(id.publicKey())),
        bind.port(),
        fwmark,
        ps);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    bind.close();
    tun.close();
    for (AgentRunner r : runners) {
      r.close();
    }
    synchronized (this) {
      for (Key k : new ArrayList<>(peerOrder.keySet())) {
        removePeer(k);
      }
      peerList = List.of();
    }
    LOG.log(Level.INFO, "{0}: userspace WireGuard device closed", name);
  }

  /** For tests: makes the handshake thread behave as under load until {@code untilNanos}. */
  void forceUnderLoad(long untilNanos) {
    handshakes.forceUnderLoad(untilNanos);
  }
}
