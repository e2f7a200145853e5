package io.portcullis.gateway.peer;

import io.portcullis.gateway.cookie.CookieGenerator;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.noise.Handshake;
import io.portcullis.gateway.noise.Keypair;
import io.portcullis.gateway.noise.Keypairs;
import io.portcullis.gateway.time.Clock;
import io.portcullis.gateway.timers.PeerTimers;
import io.portcullis.gateway.timers.TimerActions;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One configured peer: its identity and configuration, its handshake, keypairs and timers, the packets waiting
 * for a session, and its traffic counters.
 *
 * <p>Configuration fields are written by the configuration thread and read by the data plane through volatile
 * fields; session state is owned as documented on each type ({@link Handshake}, {@link Keypairs},
 * {@link PeerTimers}).
 */
public final class Peer {
  private final Key publicKey;
  private final Handshake handshake;
  private final Keypairs keypairs = new Keypairs();
  private final CookieGenerator cookies;
  private final PeerTimers timers;
  private final ConcurrentLinkedDeque<byte[]> staged = new ConcurrentLinkedDeque<>();
  private final AtomicInteger stagedCount = new AtomicInteger();
  private final AtomicLong rxBytes = new AtomicLong();
  private final AtomicLong txBytes = new AtomicLong();
  private final AtomicBoolean handshakeRequested = new AtomicBoolean();
  private final AtomicBoolean flushRequested = new AtomicBoolean();
  private volatile InetSocketAddress endpoint;
  private volatile long lastHandshakeEpochNanos;
  private volatile long lastInitiationSentNanos;
  private volatile boolean initiationEverSent;
  private volatile boolean sentLastMinuteHandshake;
  private volatile boolean removed;

  /** The index-table entry of the handshake in flight; handshake thread only. */
  public IndexEntry handshakeEntry;

  /** The index of {@link #handshakeEntry}; handshake thread only. */
  public int handshakeIndex;

  /** The timer callbacks are created from the peer, since they act on it. */
  public Peer(Key publicKey, Clock clock, java.util.function.Function<Peer, TimerActions> actions) {
    this.publicKey = publicKey;
    byte[] pub = publicKey.bytes();
    this.handshake = new Handshake(pub);
    this.cookies = new CookieGenerator(clock, pub);
    this.timers = new PeerTimers(actions.apply(this));
  }

  public Key publicKey() {
    return publicKey;
  }

  public Handshake handshake() {
    return handshake;
  }

  public Keypairs keypairs() {
    return keypairs;
  }

  public CookieGenerator cookies() {
    return cookies;
  }

  public PeerTimers timers() {
    return timers;
  }

  public InetSocketAddress endpoint() {
    return endpoint;
  }

  /** Sets the endpoint (configuration, or roaming after an authenticated packet from a new address). */
  public void endpoint(InetSocketAddress e) {
    this.endpoint = e;
  }

  public AtomicLong rxBytes() {
    return rxBytes;
  }

  public AtomicLong txBytes() {
    return txBytes;
  }

  public long lastHandshakeEpochNanos() {
    return lastHandshakeEpochNanos;
  }

  public void lastHandshakeEpochNanos(long t) {
    lastHandshakeEpochNanos = t;
  }

  /** Whether an initiation went out less than {@code interval} ago (paper 6.1: at most one per REKEY_TIMEOUT). */
  public boolean initiationSentWithin(long now, long interval) {
    return initiationEverSent && now - lastInitiationSentNanos < interval;
  }

  public void initiationSent(long now) {
    lastInitiationSentNanos = now;
    initiationEverSent = true;
  }

  public boolean sentLastMinuteHandshake() {
    return sentLastMinuteHandshake;
  }

  public void sentLastMinuteHandshake(boolean b) {
    sentLastMinuteHandshake = b;
  }

  public boolean removed() {
    return removed;
  }

  public void markRemoved() {
    removed = true;
    timers.disable();
  }

  /** Claims the right to enqueue this peer for a handshake; false if it is already queued. */
  public boolean claimHandshakeRequest() {
    return handshakeRequested.compareAndSet(false, true);
  }

  /** Clears the handshake request; true if there was one. */
  public boolean takeHandshakeRequest() {
    return handshakeRequested.compareAndSet(true, false);
  }

  /** Claims the right to enqueue this peer for sending its staged packets. */
  public boolean claimFlushRequest() {
    return flushRequested.compareAndSet(false, true);
  }

  /** Clears the flush request; true if there was one. */
  public boolean takeFlushRequest() {
    return flushRequested.compareAndSet(true, false);
  }

  /**
   * Keeps a copy of a packet until a session exists; returns false when that pushed the oldest one out.
   * Any thread.
   */
  public boolean stage(byte[] packet, int limit) {
    staged.offer(packet);
    if (stagedCount.incrementAndGet() > limit) {
      if (staged.poll() != null) {
        stagedCount.decrementAndGet();
      }
      return false;
    }
    return true;
  }

  /** The oldest staged packet, or null. Any thread. */
  public byte[] unstage() {
    byte[] p = staged.poll();
    if (p != null) {
      stagedCount.decrementAndGet();
    }
    return p;
  }

  /** Puts a packet back in front after a send found no session after all. Any thread. */
  public void restage(byte[] packet) {
    staged.offerFirst(packet);
    stagedCount.incrementAndGet();
  }

  public boolean hasStaged() {
    return stagedCount.get() > 0;
  }

  public void clearStaged() {
    while (unstage() != null) {
      // drop
    }
  }

  /** The keypair to send with now, or null (none, or the responder's not yet confirmed). */
  public Keypair sendingKeypair() {
    return keypairs.current();
  }

  @Override
  public String toString() {
    return "peer(" + publicKey + ")";
  }
}
