package io.portcullis.gateway.noise;

import io.portcullis.gateway.replay.ReplayWindow;
import io.portcullis.gateway.wire.Protocol;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The symmetric session of one completed handshake (paper 5.4.5): a sending and a receiving key, the sending
 * counter, the receive replay window and the two indices that name it on the wire.
 *
 * <p>Keys are written once before the keypair is published (through a volatile reference in
 * {@link Keypairs}) and cleared by {@link #zero()}. The send counter is atomic because the send thread and the
 * timer thread (keepalives) both send; the replay window belongs to the receive thread.
 */
public final class Keypair {
  final byte[] sendKey = new byte[Protocol.KEY_SIZE];
  final byte[] receiveKey = new byte[Protocol.KEY_SIZE];
  private final AtomicLong sendCounter = new AtomicLong();
  private final ReplayWindow replay = new ReplayWindow();
  private final int localIndex;
  private final int remoteIndex;
  private final long birthNanos;
  private final boolean initiator;
  private volatile boolean dead;

  Keypair(int localIndex, int remoteIndex, long birthNanos, boolean initiator) {
    this.localIndex = localIndex;
    this.remoteIndex = remoteIndex;
    this.birthNanos = birthNanos;
    this.initiator = initiator;
  }

  public int localIndex() {
    return localIndex;
  }

  public int remoteIndex() {
    return remoteIndex;
  }

  public long birthNanos() {
    return birthNanos;
  }

  /** Whether we initiated the handshake that made this keypair (only the initiator rekeys after time). */
  public boolean initiator() {
    return initiator;
  }

  public byte[] sendKey() {
    return sendKey;
  }

  public byte[] receiveKey() {
    return receiveKey;
  }

  /**
   * Takes the next sending counter, or returns -1 when the keypair must no longer send (dead, too old or out of
   * counters, paper 6.1 REJECT_AFTER_TIME and REJECT_AFTER_MESSAGES).
   */
  public long nextSendCounter(long now) {
    if (dead || now - birthNanos >= Protocol.REJECT_AFTER_TIME) {
      return -1;
    }
    long c = sendCounter.getAndIncrement();
    return Protocol.counterBelowRejectLimit(c) ? c : -1;
  }

  /** The counter the next packet would use. */
  public long sendCounter() {
    return sendCounter.get();
  }

  /** Whether received packets may still be accepted (paper 6.1: REJECT_AFTER_TIME). */
  public boolean receiveValid(long now) {
    return !dead && now - birthNanos < Protocol.REJECT_AFTER_TIME;
  }

  /** The replay window; receive thread only. */
  public ReplayWindow replay() {
    return replay;
  }

  /** Makes the keypair unusable and wipes its keys (paper 6.3). */
  public void zero() {
    dead = true;
    Arrays.fill(sendKey, (byte) 0);
    Arrays.fill(receiveKey, (byte) 0);
  }

  /** For tests: jump the sending counter. */
  public void forceSendCounter(long c) {
    sendCounter.set(c);
  }
}
