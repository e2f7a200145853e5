package io.portcullis.gateway.noise;

/**
 * The TAI64N timestamp of a handshake initiation (paper 5.4.2, https://cr.yp.to/libtai/tai64.html): 8 bytes of
 * seconds since 1970 plus 2^62 (+10 for the TAI-UTC offset at the epoch) and 4 bytes of nanoseconds, big-endian,
 * so that a byte-wise comparison orders timestamps.
 */
public final class Tai64n {
  /** Size of a timestamp in bytes. */
  public static final int SIZE = 12;

  private static final long BASE = (1L << 62) + 10;

  /**
   * Nanoseconds are rounded down to a multiple of 2^24 (about 16.8 ms), as wireguard-go does, so that the
   * timestamp does not reveal the sender's clock precisely.
   */
  private static final int WHITENER_MASK = (1 << 24) - 1;

  private Tai64n() {}

  /** Writes the timestamp of {@code epochNanos} to {@code out[off..off+12)}. */
  public static void write(long epochNanos, byte[] out, int off) {
    long secs = BASE + Math.floorDiv(epochNanos, 1_000_000_000L);
    int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L) & ~WHITENER_MASK;
    for (int i = 7; i >= 0; i--) {
      out[off + i] = (byte) secs;
      secs >>>= 8;
    }
    for (int i = 11; i >= 8; i--) {
      out[off + i] = (byte) nanos;
      nanos >>>= 8;
    }
  }

  /** Whether timestamp {@code a} is strictly later than {@code b} (unsigned byte-wise comparison). */
  public static boolean after(byte[] a, int aOff, byte[] b, int bOff) {
    for (int i = 0; i < SIZE; i++) {
      int x = a[aOff + i] & 0xff;
      int y = b[bOff + i] & 0xff;
      if (x != y) {
        return x > y;
      }
    }
    return false;
  }
}
