package io.portcullis.gateway.device;

import io.portcullis.gateway.device.DeviceCounters.Stat;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.noise.Handshake;
import io.portcullis.gateway.noise.Keypair;
import io.portcullis.gateway.noise.Noise;
import io.portcullis.gateway.noise.StaticIdentity;
import io.portcullis.gateway.peer.IndexEntry;
import io.portcullis.gateway.peer.Peer;
import io.portcullis.gateway.ratelimit.HandshakeRateLimiter;
import io.portcullis.gateway.timers.TimerActions;
import io.portcullis.gateway.wire.MessageCookieReply;
import io.portcullis.gateway.wire.MessageInitiation;
import io.portcullis.gateway.wire.MessageResponse;
import io.portcullis.gateway.wire.MessageType;
import io.portcullis.gateway.wire.Protocol;
import io.portcullis.gateway.wire.LittleEndian;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The handshake thread: consumes queued handshake messages (cookie/MAC2 and rate limiting under load, then
 * Noise), sends initiations and responses, installs keypairs, serves handshake and flush requests from the data
 * paths, and ticks every peer's timers each {@link Limits#TIMER_TICK}.
 *
 * <p>Handshake messages arrive through a bounded queue of preallocated jobs, so a flood costs no allocation and
 * cannot grow memory; the queue length decides "under load" (paper 5.3).
 */
final class HandshakePath implements Agent {

  /** A queued handshake message; preallocated. */
  private static final class Job {
    final byte[] data = new byte[Protocol.MESSAGE_INITIATION_SIZE];
    int length;
    InetSocketAddress from;
  }

  private final UserspaceDevice device;
  private final Noise noise;
  private final Transmitter transmitter;
  private final HandshakeRateLimiter rateLimiter;
  private final ArrayBlockingQueue<Job> free = new ArrayBlockingQueue<>(Limits.MAX_QUEUED_INCOMING_HANDSHAKES);
  private final ArrayBlockingQueue<Job> work = new ArrayBlockingQueue<>(Limits.MAX_QUEUED_INCOMING_HANDSHAKES);
  private final ConcurrentLinkedQueue<Peer> requests = new ConcurrentLinkedQueue<>();
  private final byte[] out = new byte[Protocol.MESSAGE_INITIATION_SIZE];
  private long underLoadUntil;
  private boolean underLoad;
  private long lastTick;
  private long lastMtuRefresh;
  private long now;
  private Peer lookedUp;

  HandshakePath(UserspaceDevice device) {
    this.device = device;
    this.noise = new Noise(device.random);
    this.transmitter = new Transmitter(device);
    this.rateLimiter = new HandshakeRateLimiter(device.clock);
    for (int i = 0; i < Limits.MAX_QUEUED_INCOMING_HANDSHAKES; i++) {
      free.add(new Job());
    }
    now = device.clock.nanoTime();
    lastTick = now;
  }

  @Override
  public String roleName() {
    return device.name() + "-handshake";
  }

  /** Queues a handshake message; receive thread. Drops and counts when the queue is full. */
  void enqueue(byte[] buf, int off, int len, InetSocketAddress from) {
    Job j = free.poll();
    if (j == null) {
      device.counters.drop(DropReason.HANDSHAKE_QUEUE_FULL);
      return;
    }
    System.arraycopy(buf, off, j.data, 0, len);
    j.length = len;
    j.from = from;
    work.offer(j);
  }

  /** Asks for something to be done for {@code peer} on this thread; any thread. */
  void request(Peer peer) {
    requests.offer(peer);
  }

  @Override
  public int doWork() throws Exception {
    Job j = work.poll(Limits.TIMER_TICK, TimeUnit.NANOSECONDS);
    now = device.clock.nanoTime();
    int done = 0;
    while (j != null) {
      try {
        process(j);
      } finally {
        j.from = null;
        free.offer(j);
      }
      done++;
      j = done < 256 ? work.poll() : null;
    }
    Peer p;
    while ((p = requests.poll()) != null) {
      done++;
      if (p.removed()) {
        continue;
      }
      if (p.takeHandshakeRequest()) {
        sendInitiation(p, false);
      }
      if (p.takeFlushRequest()) {
        transmitter.sendKeepalive(p, now);
      }
    }
    if (now - lastTick >= Limits.TIMER_TICK) {
      lastTick = now;
      for (Peer peer : device.peerList()) {
        peer.timers().tick(now);
      }
    }
    if (now - lastMtuRefresh >= 1_000_000_000L) {
      lastMtuRefresh = now;
      device.mtu = device.tun.mtu();
    }
    return done;
  }

  private boolean underLoad() {
    if (work.size() >= Limits.UNDER_LOAD_QUEUE_LENGTH) {
      if (!underLoad) {
        device.counters.increment(Stat.UNDER_LOAD_ENTERED);
      }
      underLoad = true;
      underLoadUntil = now + Limits.UNDER_LOAD_AFTER_TIME;
    } else if (underLoad && now - underLoadUntil >= 0) {
      underLoad = false;
    }
    return underLoad;
  }

  /** Forces the under-load state, for tests of the cookie path. */
  void forceUnderLoad(long untilNanos) {
    underLoad = true;
    underLoadUntil = untilNanos;
  }

  private void process(Job j) {
    switch (MessageType.classify(j.data, 0, j.length)) {
      case Protocol.MESSAGE_INITIATION_TYPE -> {
        if (admitted(j, MessageInitiation.MAC1_OFFSET, LittleEndian.getInt(j.data, MessageInitiation.SENDER_OFFSET))) {
          initiation(j);
        }
      }
      case Protocol.MESSAGE_RESPONSE_TYPE -> {
        if (admitted(j, MessageResponse.MAC1_OFFSET, LittleEndian.getInt(j.data, MessageResponse.SENDER_OFFSET))) {
          response(j);
        }
      }
      case Protocol.MESSAGE_COOKIE_REPLY_TYPE -> cookieReply(j);
      default -> device.counters.drop(DropReason.MALFORMED);
    }
  }

  /** Under load, MAC2 must carry a valid cookie (else we send one) and the source must be within its rate. */
  private boolean admitted(Job j, int mac1Offset, int senderIndex) {
    if (!underLoad()) {
      return true;
    }
    if (!device.cookieChecker.checkMac2(j.data, 0, mac1Offset, j.from)) {
      device.cookieChecker.createReply(j.data, 0, mac1Offset, senderIndex, j.from, out, 0);
      send(out, MessageCookieReply.SIZE, j.from);
      device.counters.increment(Stat.COOKIE_REPLIES_SENT);
      device.counters.drop(DropReason.MAC2_INVALID);
      return false;
    }
    if (!rateLimiter.allow(j.from.getAddress())) {
      device.counters.drop(DropReason.RATE_LIMITED);
      return false;
    }
    return true;
  }

  private Handshake lookup(byte[] publicKey) {
    Peer p = device.peer(Key.of(publicKey));
    lookedUp = p;
    return p == null ? null : p.handshake();
  }

  private void initiation(Job j) {
    StaticIdentity id = device.identity;
    if (id == null) {
      device.counters.drop(DropReason.NO_PRIVATE_KEY);
      return;
    }
    Noise.InitiationResult r =
        noise.consumeInitiation(id, j.data, 0, this::lookup, now, Limits.HANDSHAKE_INITIATION_RATE);
    switch (r) {
      case OK -> {}
      case REPLAYED -> {
        device.counters.drop(DropReason.INITIATION_REPLAYED);
        return;
      }
      case FLOOD -> {
        device.counters.drop(DropReason.INITIATION_FLOOD);
        return;
      }
      default -> {
        device.counters.drop(DropReason.INITIATION_INVALID);
        return;
      }
    }
    Peer peer = lookedUp;
    device.counters.increment(Stat.HANDSHAKE_INITIATIONS_RECEIVED);
    peer.endpoint(j.from);
    peer.timers().onAnyAuthenticatedPacketReceived();
    peer.timers().onAnyAuthenticatedPacketTraversal(now);
    int index = newHandshakeEntry(peer);
    if (!noise.createResponse(peer.handshake(), index, out, 0)) {
      removeHandshakeEntry(peer);
      device.counters.drop(DropReason.INITIATION_INVALID);
      return;
    }
    peer.cookies().addMacs(out, 0, MessageResponse.MAC1_OFFSET);
    Keypair kp = noise.beginSession(peer.handshake(), now);
    if (kp == null) {
      removeHandshakeEntry(peer);
      return;
    }
    install(peer, kp);
    send(out, MessageResponse.SIZE, j.from);
    device.counters.increment(Stat.HANDSHAKE_RESPONSES_SENT);
    peer.timers().onAnyAuthenticatedPacketSent();
    peer.timers().onAnyAuthenticatedPacketTraversal(now);
  }

  private void response(Job j) {
    StaticIdentity id = device.identity;
    IndexEntry e = device.index.lookup(LittleEndian.getInt(j.data, MessageResponse.RECEIVER_OFFSET));
    if (id == null || e == null || e.keypair() != null || e.peer().removed()) {
      device.counters.drop(DropReason.RESPONSE_INVALID);
      return;
    }
    Peer peer = e.peer();
    if (!noise.consumeResponse(peer.handshake(), id, j.data, 0)) {
      device.counters.drop(DropReason.RESPONSE_INVALID);
      return;
    }
    device.counters.increment(Stat.HANDSHAKE_RESPONSES_RECEIVED);
    peer.endpoint(j.from);
    peer.timers().onAnyAuthenticatedPacketReceived();
    peer.timers().onAnyAuthenticatedPacketTraversal(now);
    Keypair kp = noise.beginSession(peer.handshake(), now);
    if (kp == null) {
      return;
    }
    install(peer, kp);
    peer.timers().onHandshakeComplete();
    peer.lastHandshakeEpochNanos(device.clock.epochNanos());
    // Staged packets confirm the session to the responder; without any, a keepalive does (paper 6.5).
    transmitter.sendKeepalive(peer, now);
  }

  private void cookieReply(Job j) {
    IndexEntry e = device.index.lookup(LittleEndian.getInt(j.data, MessageCookieReply.RECEIVER_OFFSET));
    if (e == null || !e.peer().cookies().consumeReply(j.data, 0)) {
      device.counters.drop(DropReason.COOKIE_INVALID);
      return;
    }
    device.counters.increment(Stat.COOKIE_REPLIES_RECEIVED);
  }

  /** Sends an initiation to {@code peer} unless one went out less than REKEY_TIMEOUT ago (paper 6.1). */
  void sendInitiation(Peer peer, boolean retry) {
    if (!retry) {
      peer.timers().resetHandshakeAttempts();
    }
    if (peer.removed() || peer.initiationSentWithin(now, Protocol.REKEY_TIMEOUT)) {
      return;
    }
    StaticIdentity id = device.identity;
    InetSocketAddress ep = peer.endpoint();
    if (id == null || ep == null) {
      return;
    }
    int index = newHandshakeEntry(peer);
    if (!noise.createInitiation(peer.handshake(), id, index, device.clock.epochNanos(), out, 0)) {
      removeHandshakeEntry(peer);
      return;
    }
    peer.cookies().addMacs(out, 0, MessageInitiation.MAC1_OFFSET);
    peer.initiationSent(now);
    send(out, MessageInitiation.SIZE, ep);
    device.counters.increment(Stat.HANDSHAKE_INITIATIONS_SENT);
    peer.timers().onAnyAuthenticatedPacketTraversal(now);
    peer.timers().onAnyAuthenticatedPacketSent();
    peer.timers().onHandshakeInitiated(now);
  }

  private void install(Peer peer, Keypair kp) {
    IndexEntry entry = new IndexEntry(peer, kp);
    if (peer.handshakeEntry != null) {
      device.index.replace(peer.handshakeIndex, peer.handshakeEntry, entry);
      peer.handshakeEntry = null;
    }
    for (Keypair old : peer.keypairs().add(kp)) {
      device.retire(peer, old);
    }
    device.counters.increment(Stat.SESSIONS_DERIVED);
    peer.sentLastMinuteHandshake(false);
    peer.timers().onSessionDerived(now);
  }

  private int newHandshakeEntry(Peer peer) {
    removeHandshakeEntry(peer);
    IndexEntry e = new IndexEntry(peer, null);
    peer.handshakeIndex = device.index.insert(e);
    peer.handshakeEntry = e;
    return peer.handshakeIndex;
  }

  void removeHandshakeEntry(Peer peer) {
    if (peer.handshakeEntry != null) {
      device.index.remove(peer.handshakeIndex, peer.handshakeEntry);
      peer.handshakeEntry = null;
    }
  }

  private void send(byte[] buf, int len, InetSocketAddress to) {
    try {
      device.bind.send(buf, 0, len, to);
    } catch (IOException e) {
      device.counters.drop(DropReason.TX_SEND_FAILED);
    }
  }

  /** The timer callbacks of one peer; they run on this thread, inside the peer's timer tick. */
  TimerActions actionsFor(Peer peer) {
    return new TimerActions() {
      @Override
      public void sendInitiation(boolean retry) {
        HandshakePath.this.sendInitiation(peer, retry);
      }

      @Override
      public void sendKeepalive() {
        transmitter.sendKeepalive(peer, now);
      }

      @Override
      public void clearStagedPackets() {
        peer.clearStaged();
      }

      @Override
      public void zeroKeyMaterial() {
        removeHandshakeEntry(peer);
        device.zeroKeys(peer);
      }

      @Override
      public void handshakeAttemptsExhausted() {
        device.counters.increment(Stat.HANDSHAKE_ATTEMPTS_EXHAUSTED);
      }
    };
  }
}
