package io.portcullis.gateway.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * X25519 Diffie-Hellman (RFC 7748 §5, https://www.rfc-editor.org/rfc/rfc7748#section-5): the constant-time Montgomery
 * ladder over {@link Field25519}, with scalars clamped as {@code wg genkey} does.
 *
 * <p>Thread-safe; per-thread scratch field elements, nothing allocated per call. The ladder swaps by masks and reads
 * scalar bits at public positions, so neither branches nor memory addresses depend on secrets. Where AVX-512 is
 * available the ladder is {@link VectorX25519} (chosen once, logged, {@link #ladderDescription()}); the scalar ladder
 * here is its twin.
 */
public final class X25519 {
  /** Length of scalars, points and shared secrets in bytes. */
  public static final int KEY_LENGTH = 32;

  /** (A - 2) / 4 for Curve25519's A = 486662 (RFC 7748 §5). */
  private static final long A24 = 121665;
  private static final byte[] BASE_POINT = basePoint();

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private X25519() {}

  private static byte[] basePoint() {
    byte[] u = new byte[KEY_LENGTH];
    u[0] = 9;
    return u;
  }

  /**
   * Writes X25519(scalar, point) to {@code out}; the scalar is clamped on a copy first. Returns false when the result
   * is all zero (a low-order point), which WireGuard rejects. {@code out} may alias either input.
   */
  public static boolean scalarMult(byte[] out, byte[] scalar, byte[] point) {
    return scalarMult(out, scalar, point, Ladder.vectorInUse);
  }

  /**
   * {@link #scalarMult(byte[], byte[], byte[])} with the ladder given: {@link VectorX25519} when {@code vector} (the
   * caller must know it can run here), else the scalar one. Tests compare the two.
   */
  static boolean scalarMult(byte[] out, byte[] scalar, byte[] point, boolean vector) {
    if (scalar.length != KEY_LENGTH || point.length != KEY_LENGTH || out.length < KEY_LENGTH) {
      throw new IllegalArgumentException("X25519 scalars and points have " + KEY_LENGTH + " bytes");
    }
    Scratch s = SCRATCH.get();
    System.arraycopy(scalar, 0, s.k, 0, KEY_LENGTH);
    clamp(s.k);
    Field25519.fromBytes(s.x1, point, 0);
    if (vector) {
      if (s.quads == null) {
        s.quads = new VectorX25519.Scratch();
      }
      VectorX25519.ladder(s.k, s.x1, s.x2, s.z2, s.quads);
    } else {
      ladder(s);
    }
    Field25519.invert(s.t[9], s.z2, s.t);
    Field25519.mul(s.x2, s.x2, s.t[9]);
    Field25519.toBytes(out, 0, s.x2);
    Arrays.fill(s.k, (byte) 0);
    return !ConstantTime.isZero(out, 0, KEY_LENGTH);
  }

  /** The public key for {@code privateKey}: X25519 with the base point u = 9. */
  public static void publicKey(byte[] out, byte[] privateKey) {
    scalarMult(out, privateKey, BASE_POINT);
  }

  /** Fills {@code out} with 32 random bytes and clamps them, like {@code wg genkey}. */
  public static void generatePrivateKey(byte[] out, SecureRandom random) {
    if (out.length != KEY_LENGTH) {
      throw new IllegalArgumentException("X25519 private keys have " + KEY_LENGTH + " bytes");
    }
    random.nextBytes(out);
    clamp(out);
  }

  /** RFC 7748 decodeScalar25519 in place: clear the low three bits and bit 255, set bit 254. */
  public static void clamp(byte[] key) {
    key[0] &= (byte) 248;
    key[31] &= 127;
    key[31] |= 64;
  }

  /** The ladder of RFC 7748 §5 over bits 254..0 of {@code s.k}, leaving (x2 : z2) in the scratch. */
  private static void ladder(Scratch s) {
    long[] x1 = s.x1, x2 = s.x2, z2 = s.z2, x3 = s.x3, z3 = s.z3;
    long[] a = s.a, aa = s.aa, b = s.b, bb = s.bb, e = s.e, c = s.c, d = s.d, da = s.da, cb = s.cb;
    Field25519.setSmall(x2, 1);
    Field25519.setSmall(z2, 0);
    Field25519.set(x3, x1);
    Field25519.setSmall(z3, 1);
    long swap = 0;
    for (int t = 254; t >= 0; t--) {
      long bit = (s.k[t >>> 3] >>> (t & 7)) & 1;
      swap ^= bit;
      Field25519.cswap(swap, x2, x3);
      Field25519.cswap(swap, z2, z3);
      swap = bit;
      Field25519.add(a, x2, z2);
      Field25519.square(aa, a);
      Field25519.sub(b, x2, z2);
      Field25519.square(bb, b);
      Field25519.sub(e, aa, bb);
      Field25519.add(c, x3, z3);
      Field25519.sub(d, x3, z3);
      Field25519.mul(da, d, a);
      Field25519.mul(cb, c, b);
      Field25519.add(x3, da, cb);
      Field25519.square(x3, x3);
      Field25519.sub(z3, da, cb);
      Field25519.square(z3, z3);
      Field25519.mul(z3, z3, x1);
      Field25519.mul(x2, aa, bb);
      Field25519.mulSmall(z2, e, A24);
      Field25519.add(z2, z2, aa);
      Field25519.mul(z2, z2, e);
    }
    Field25519.cswap(swap, x2, x3);
    Field25519.cswap(swap, z2, z3);
  }

  /** Which ladder {@link #scalarMult(byte[], byte[], byte[])} uses here and why, for logs. */
  static String ladderDescription() {
    return (Ladder.vectorInUse ? "vector-8x64" : "scalar") + " (" + Ladder.reason + ")";
  }

  /** Whether the vector ladder is in use; waits up to {@code millis} for its warm-up to finish (for tests). */
  static boolean awaitVectorLadder(long millis) throws InterruptedException {
    return Ladder.warmedUp.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS) && Ladder.vectorInUse;
  }

  /**
   * Chooses the ladder once, on first use, and logs the choice and why. Where the vector ladder can run, calls use the
   * scalar one until a background thread has checked the vector ladder against it and run it until C2 has compiled it
   * (interpreted, one call takes 0.1–1.5 s here; compiled, 0.04 ms): a {@code portcullis-gateway pubkey} or the first
   * handshake of a fresh gateway should not wait for the JIT. Then it switches, once, and logs that.
   */
  private static final class Ladder {
    /** Vector ladder runs before the switch; C2 had compiled it after about a hundred (-XX:+PrintCompilation). */
    static final int WARM_UP_RUNS = 1000;

    static volatile boolean vectorInUse;
    static volatile String reason;
    static final java.util.concurrent.CountDownLatch warmedUp = new java.util.concurrent.CountDownLatch(1);
    private static final System.Logger LOG = System.getLogger(X25519.class.getName());

    static {
      String unusable;
      if (Boolean.getBoolean(ChaCha20.SCALAR_PROPERTY)) {
        unusable = "forced by -D" + ChaCha20.SCALAR_PROPERTY + "=true";
      } else if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
        unusable = "module jdk.incubator.vector not present; run with --add-modules=jdk.incubator.vector";
      } else {
        try {
          unusable = VectorX25519.unavailabilityCause();
        } catch (LinkageError e) {
          unusable = "Vector API unusable: " + e;
        }
      }
      if (unusable != null) {
        reason = unusable;
        warmedUp.countDown();
        LOG.log(System.Logger.Level.INFO, "X25519 ladder: scalar ({0})", unusable);
      } else {
        reason = "512-bit Vector API available; vector ladder warming up";
        LOG.log(System.Logger.Level.INFO, "X25519 ladder: scalar until the vector-8x64 ladder is warm ({0})", reason);
        Thread warm = new Thread(Ladder::warmUp, "x25519-vector-warmup");
        warm.setDaemon(true);
        warm.setPriority(Thread.MIN_PRIORITY);
        warm.start();
      }
    }

    /** Self-test, then {@link #WARM_UP_RUNS} runs of the vector ladder, then the switch. */
    private static void warmUp() {
      try {
        long start = System.nanoTime();
        String failed = VectorX25519.selfTest();
        if (failed != null) {
          reason = failed;
          LOG.log(System.Logger.Level.WARNING, "X25519 ladder: staying scalar ({0})", failed);
          return;
        }
        byte[] k = new byte[KEY_LENGTH];
        byte[] u = BASE_POINT.clone();
        for (int i = 0; i < WARM_UP_RUNS; i++) {
          k[i & 31] ^= (byte) i;
          scalarMult(u, k, u, true);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        reason = "512-bit Vector API available; self-test and " + WARM_UP_RUNS + " warm-up runs took " + millis + " ms";
        vectorInUse = true;
        LOG.log(System.Logger.Level.INFO, "X25519 ladder: vector-8x64 ({0})", reason);
      } finally {
        warmedUp.countDown();
      }
    }
  }

  /** Per-thread field elements. */
  private static final class Scratch {
    final byte[] k = new byte[KEY_LENGTH];
    final long[] x1 = fe(), x2 = fe(), z2 = fe(), x3 = fe(), z3 = fe();
    final long[] a = fe(), aa = fe(), b = fe(), bb = fe(), e = fe(), c = fe(), d = fe(), da = fe(), cb = fe();
    final long[][] t = new long[10][Field25519.LIMBS];
    /** The vector ladder's state, made on first use so that the class stays loadable without the Vector API. */
    VectorX25519.Scratch quads;

    private static long[] fe() {
      return new long[Field25519.LIMBS];
    }
  }
}
