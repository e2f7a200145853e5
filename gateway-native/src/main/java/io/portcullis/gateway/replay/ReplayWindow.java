package io.portcullis.gateway.replay;

import io.portcullis.gateway.wire.Protocol;

/**
 * The sliding window of received transport counters of one keypair (paper 5.4.6, the algorithm of RFC 6479,
 * https://www.rfc-editor.org/rfc/rfc6479): a counter is accepted once, and only if it is not older than
 * {@link #WINDOW_SIZE} below the highest accepted counter.
 *
 * <p>The bitmap is a ring of {@value #RING_LONGS} 64-bit blocks; moving the window forward clears whole blocks,
 * never individual bits, and one block is kept spare so the newest block never overlaps the oldest valid one.
 *
 * <p>Not thread-safe: owned by the receive path, and called only after the packet authenticated (a forged
 * counter must not move the window).
 */
public final class ReplayWindow {
  /** Number of 64-bit blocks in the ring; a power of two. */
  public static final int RING_LONGS = 128;

  private static final int RING_MASK = RING_LONGS - 1;

  /** Counters this far below the highest accepted one are still accepted once (8192 - 64 = 8128). */
  public static final long WINDOW_SIZE = RING_LONGS * 64L - 64;

  private final long[] ring = new long[RING_LONGS];

  /** One more than the highest accepted counter; 0 while nothing was accepted. */
  private long top;

  /**
   * Records {@code counter} (an unsigned 64-bit value) and returns true if it was neither seen before, nor too
   * old, nor at or beyond {@link Protocol#REJECT_AFTER_MESSAGES}.
   */
  public boolean accept(long counter) {
    if (!Protocol.counterBelowRejectLimit(counter)) {
      return false;
    }
    long n = counter + 1; // shift by one so that 0 can mean "nothing yet"; cannot overflow below the limit
    if (Long.compareUnsigned(n + WINDOW_SIZE, top) < 0) {
      return false;
    }
    long block = n >>> 6;
    if (Long.compareUnsigned(n, top) > 0) {
      long current = top >>> 6;
      long advance = Math.min(block - current, RING_LONGS);
      for (long i = 1; i <= advance; i++) {
        ring[(int) ((current + i) & RING_MASK)] = 0;
      }
      top = n;
    }
    int slot = (int) (block & RING_MASK);
    long bit = 1L << (n & 63);
    if ((ring[slot] & bit) != 0) {
      return false;
    }
    ring[slot] |= bit;
    return true;
  }

  /** The highest accepted counter, or -1 if none. */
  public long highest() {
    return top - 1;
  }

  /** Forgets everything, as for a new keypair. */
  public void reset() {
    top = 0;
    java.util.Arrays.fill(ring, 0);
  }
}
