package io.portcullis.gateway.device;

import io.portcullis.gateway.crypto.ChaCha20Poly1305;
import io.portcullis.gateway.wire.Protocol;
import java.lang.System.Logger.Level;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs the transport AEAD over throw-away packets when a real device starts, until it is as fast as compiled
 * code, so that the first real packets do not pay for the JIT.
 *
 * <p>Why: the Vector API ChaCha20 engine is only fast once C2 has compiled it; interpreted or in C1 a round trip
 * of a 1424-byte packet costs about 2.7 ms instead of about 6 µs. A fresh gateway under traffic on a loaded
 * 2-core machine needed 6 to 15 s to get there, and carried 0.003-0.03 Gbit/s meanwhile. The warm-up uses the
 * lengths the data plane produces (every multiple of 16 up to the MTU, and the MTU itself), the same offsets, and
 * now and then associated data as the handshake does, so that the compiled code does not deoptimize on the first
 * real packet of another kind.
 *
 * <p>Runs once, on the thread that opens the device, with its own random key; touches no device state, and stops
 * when a block of round trips is fast enough, or after {@link #MAX_NANOS}.
 */
final class AeadWarmup {
  private static final System.Logger LOG = System.getLogger(AeadWarmup.class.getName());

  /** Upper bound on the time spent (the device's opener waits for it). */
  static final long MAX_NANOS = 10_000_000_000L;

  /** At least this many round trips (C2 thresholds are around 10^4 invocations and loop iterations). */
  static final int MIN_ROUND_TRIPS = 20_000;

  /** Done when a block of {@link #BLOCK} round trips averages below this (compiled code: about 4 µs). */
  static final long FAST_NANOS_PER_ROUND_TRIP = 40_000;

  private static final int BLOCK = 512;

  /**
   * Every so many round trips one runs on a new thread: the AEAD keeps per-thread scratch in thread-locals, and
   * code compiled while only this thread called it traps (and is deoptimised for seconds) the first time a data
   * plane thread, whose thread-locals are still empty, calls it. Seen with {@code -XX:+PrintCompilation}:
   * {@code VectorChaCha20::polyKey ... made not entrant: uncommon trap} as the first packets came.
   */
  private static final int FRESH_THREAD_EVERY = 1024;

  private static final int FRESH_THREADS = 16;

  private final String name;
  private final int mtu;

  AeadWarmup(String name, int mtu) {
    this.name = name;
    this.mtu = mtu;
  }

  /** Runs the warm-up on this thread; returns {round trips done, round trips whose open failed}. */
  int[] warm() {
    byte[] key = new byte[ChaCha20Poly1305.KEY_LENGTH];
    ThreadLocalRandom.current().nextBytes(key);
    int sealAt = Limits.HEADROOM; // where the send path encrypts
    int openAt = Protocol.MESSAGE_TRANSPORT_HEADER_SIZE; // where the receive path decrypts
    int largest = Math.max(16, Math.min(mtu, 9000));
    byte[] buf = new byte[sealAt + largest + 16 + Protocol.AEAD_TAG_SIZE];
    byte[] aad = new byte[32];
    long start = System.nanoTime();
    long blockStart = start;
    int done = 0;
    int failed = 0;
    int len = 0;
    while (true) {
      len = len >= largest ? 0 : Math.min(len + 16, largest); // 0, 16, ..., the MTU itself, again
      int aLen = (done & 7) == 7 ? aad.length : 0; // the handshake seals with the hash as associated data
      ChaCha20Poly1305.seal(key, done, buf, sealAt, len, aad, 0, aLen, buf, sealAt);
      System.arraycopy(buf, sealAt, buf, openAt, len + Protocol.AEAD_TAG_SIZE);
      if (!ChaCha20Poly1305.open(
          key, done, buf, openAt, len + Protocol.AEAD_TAG_SIZE, aad, 0, aLen, buf, openAt)) {
        failed++;
      }
      done++;
      if (done % FRESH_THREAD_EVERY == 0 && done / FRESH_THREAD_EVERY <= FRESH_THREADS) {
        roundTripOnAFreshThread(key, len);
      }
      if (done % BLOCK == 0) {
        long now = System.nanoTime();
        boolean fast = (now - blockStart) / BLOCK < FAST_NANOS_PER_ROUND_TRIP;
        if ((fast && done >= MIN_ROUND_TRIPS) || now - start > MAX_NANOS) {
          break;
        }
        blockStart = now;
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (failed != 0) {
      LOG.log(Level.ERROR, "{0}: AEAD warm-up: {1} of {2} round trips failed", name, failed, done);
    } else {
      LOG.log(Level.INFO, "{0}: AEAD warm-up: {1} round trips in {2} ms", name, done, millis);
    }
    return new int[] {done, failed};
  }

  /** One seal and open of {@code len} bytes on a new short-lived thread (bounded wait). */
  private void roundTripOnAFreshThread(byte[] key, int len) {
    Thread t =
        Thread.ofPlatform()
            .name(name + "-warmup-fresh")
            .daemon(true)
            .start(
                () -> {
                  byte[] b = new byte[Limits.HEADROOM + len + Protocol.AEAD_TAG_SIZE];
                  ChaCha20Poly1305.seal(key, 1, b, Limits.HEADROOM, len, null, 0, 0, b, Limits.HEADROOM);
                  ChaCha20Poly1305.open(
                      key, 1, b, Limits.HEADROOM, len + Protocol.AEAD_TAG_SIZE, null, 0, 0, b, Limits.HEADROOM);
                });
    try {
      t.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
