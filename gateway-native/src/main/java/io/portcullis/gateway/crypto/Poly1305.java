package io.portcullis.gateway.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * The Poly1305 one-time authenticator (RFC 8439 §2.5, https://www.rfc-editor.org/rfc/rfc8439#section-2.5) with the
 * accumulator in radix 2^26 (five limbs in {@code long}s) and four blocks per step.
 *
 * <p>Four blocks at a time use h' = (h + m1) r^4 + m2 r^3 + m3 r^2 + m4 r: the hundred 64-bit limb products are
 * independent, so the processor overlaps them instead of waiting on one block's reduction before the next, and there
 * is one reduction per 64 bytes. Limb products stay below 2^56 and column sums below 2^60, so nothing overflows and no
 * carry needs a comparison; time does not depend on the data. Runs of at least {@link #VECTOR_MIN_BLOCKS} blocks go
 * through {@link VectorPoly1305} (eight blocks per step) where the loop chosen once at startup is the vector one
 * ({@link #loopDescription()}); this scalar loop is its twin and handles the rest. Not thread-safe; one instance is
 * reused per thread and re-keyed per message, so nothing is allocated per packet.
 */
final class Poly1305 {
  /** Bytes per Poly1305 block and in a tag. */
  static final int BLOCK_LENGTH = 16;

  /** RFC 8439 §2.5: r &= 0x0ffffffc0ffffffc0ffffffc0fffffff, as its low and high 64-bit halves. */
  private static final long CLAMP_LO = 0x0ffffffc0fffffffL, CLAMP_HI = 0x0ffffffc0ffffffcL;
  private static final long M26 = (1L << 26) - 1;
  /** 2^128 as it sits in limb 4 (bit 24 of the fifth 26-bit limb): the pad bit of every full block. */
  private static final long HIBIT = 1L << 24;

  private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * Messages of at least this many blocks go through {@link VectorPoly1305} when it is in use; below it, computing
   * r^5..r^8 and setting up the lanes costs more than it saves.
   */
  static final int VECTOR_MIN_BLOCKS = 16;

  /** System property that forces the scalar loop when "true" (the same one that forces scalar ChaCha20). */
  static final String SCALAR_PROPERTY = ChaCha20.SCALAR_PROPERTY;

  /** r, r^2, r^3, r^4 (rows 0..3), five 26-bit limbs each; rows 1..3 are computed when first needed. */
  final long[][] powers = new long[4][5];
  /** r^8, the vector loop's step multiplier; computed when a message first takes the vector loop, as are the next two. */
  final long[] r8 = new long[5];
  /** The vector loop's first final multiplier, {@code [limb][lane]}: r^4, r^3, r^2, r, r^4, r^3, r^2, r. */
  final long[][] lanePowers = new long[5][8];
  /** The vector loop's second final multiplier, {@code [limb][lane]}: r^4 in lanes 0..3, the number 1 in lanes 4..7. */
  final long[][] lowHalfTimesR4 = new long[5][8];
  private int powersReady;
  private final boolean vector;
  long h0, h1, h2, h3, h4;
  private long pad0, pad1;
  private final byte[] buffer = new byte[BLOCK_LENGTH];
  /** The AEAD's padded last block and length block. */
  private final byte[] tail = new byte[2 * BLOCK_LENGTH];
  private int buffered;

  /** A Poly1305 that uses the loop chosen for this JVM ({@link #loopDescription()}). */
  Poly1305() {
    this(Loop.VECTOR);
  }

  /**
   * A Poly1305 that uses {@link VectorPoly1305} for long messages when {@code vector} is true (tests compare the two
   * loops; the caller must know that the vector loop can run here), else the scalar loop only.
   */
  Poly1305(boolean vector) {
    this.vector = vector;
    Arrays.fill(lowHalfTimesR4[0], 4, 8, 1);
  }

  /** Which block loop {@link #Poly1305()} uses here and why, for logs. */
  static String loopDescription() {
    return (Loop.VECTOR ? "vector-512" : "scalar") + " (" + Loop.REASON + ")";
  }

  /** Starts a message with the 32-byte one-time key {@code r || s} at {@code key[off..]}. */
  void init(byte[] key, int off) {
    init((long) LE64.get(key, off), (long) LE64.get(key, off + 8), (long) LE64.get(key, off + 16),
        (long) LE64.get(key, off + 24));
  }

  /** Starts a message with the one-time key given as the first eight words of a ChaCha20 block (RFC 8439 §2.6). */
  void init(int[] block) {
    init(words(block[0], block[1]), words(block[2], block[3]), words(block[4], block[5]), words(block[6], block[7]));
  }

  private static long words(int lo, int hi) {
    return (lo & 0xffffffffL) | ((long) hi << 32);
  }

  private void init(long rLo, long rHi, long sLo, long sHi) {
    long lo = rLo & CLAMP_LO, hi = rHi & CLAMP_HI;
    long[] r = powers[0];
    r[0] = lo & M26;
    r[1] = (lo >>> 26) & M26;
    r[2] = ((lo >>> 52) | (hi << 12)) & M26;
    r[3] = (hi >>> 14) & M26;
    r[4] = hi >>> 40;
    powersReady = 1;
    pad0 = sLo;
    pad1 = sHi;
    h0 = h1 = h2 = h3 = h4 = 0;
    buffered = 0;
  }

  /** Absorbs {@code len} bytes, buffering a partial block. */
  void update(byte[] in, int off, int len) {
    Objects.checkFromIndexSize(off, len, in.length);
    if (buffered > 0) {
      int take = Math.min(len, BLOCK_LENGTH - buffered);
      System.arraycopy(in, off, buffer, buffered, take);
      buffered += take;
      off += take;
      len -= take;
      if (buffered < BLOCK_LENGTH) {
        return;
      }
      blocks(buffer, 0, 1, HIBIT);
      buffered = 0;
    }
    int full = len / BLOCK_LENGTH;
    blocks(in, off, full, HIBIT);
    int rest = len - full * BLOCK_LENGTH;
    System.arraycopy(in, off + full * BLOCK_LENGTH, buffer, 0, rest);
    buffered = rest;
  }

  /**
   * Absorbs {@code len} bytes followed by zero bytes up to a multiple of 16, as the AEAD construction does with its
   * {@code pad16}; must be called on a block boundary.
   */
  void updatePadded(byte[] in, int off, int len) {
    Objects.checkFromIndexSize(off, len, in.length);
    blocks(in, off, len / BLOCK_LENGTH, HIBIT);
    if (paddedEnd(in, off, len, buffer) > 0) {
      blocks(buffer, 0, 1, HIBIT);
    }
  }

  /**
   * Absorbs the AEAD's ciphertext padded to 16 bytes and then its final block (the AAD and ciphertext lengths): {@link
   * #updatePadded} and {@link #updateLengths} in one, so that the padded last block and the length block go through
   * the block loop together. Must be called on a block boundary.
   */
  void updatePaddedThenLengths(byte[] in, int off, int len, long aadLength) {
    Objects.checkFromIndexSize(off, len, in.length);
    blocks(in, off, len / BLOCK_LENGTH, HIBIT);
    int at = paddedEnd(in, off, len, tail);
    LE64.set(tail, at, aadLength);
    LE64.set(tail, at + 8, (long) len);
    blocks(tail, 0, at / BLOCK_LENGTH + 1, HIBIT);
  }

  /**
   * Copies the bytes of {@code in[off..off+len)} after its last full block to {@code out[0..]}, zero-padded to a
   * block; returns the bytes written: 0 when {@code len} is a multiple of 16, else 16.
   */
  private static int paddedEnd(byte[] in, int off, int len, byte[] out) {
    int rest = len % BLOCK_LENGTH;
    if (rest == 0) {
      return 0;
    }
    System.arraycopy(in, off + len - rest, out, 0, rest);
    Arrays.fill(out, rest, BLOCK_LENGTH, (byte) 0);
    return BLOCK_LENGTH;
  }

  /** Absorbs the AEAD's final block: the AAD and ciphertext lengths as two little-endian 64-bit numbers. */
  void updateLengths(long aadLength, long ciphertextLength) {
    LE64.set(buffer, 0, aadLength);
    LE64.set(buffer, 8, ciphertextLength);
    blocks(buffer, 0, 1, HIBIT);
  }

  /** Writes the 16-byte tag to {@code out[off..]}; the instance must be re-keyed before further use. */
  void finish(byte[] out, int off) {
    if (buffered > 0) {
      buffer[buffered] = 1;
      Arrays.fill(buffer, buffered + 1, BLOCK_LENGTH, (byte) 0);
      blocks(buffer, 0, 1, 0);
      buffered = 0;
    }
    // Carry through once more: limbs below 2^26 (limb 1 at most 2^26), value below 2^130 + 2^26.
    long h0 = this.h0, h1 = this.h1, h2 = this.h2, h3 = this.h3, h4 = this.h4;
    long c;
    c = h1 >>> 26; h1 &= M26; h2 += c;
    c = h2 >>> 26; h2 &= M26; h3 += c;
    c = h3 >>> 26; h3 &= M26; h4 += c;
    c = h4 >>> 26; h4 &= M26; h0 += c * 5;
    c = h0 >>> 26; h0 &= M26; h1 += c;
    // g = h + 5 - 2^130; when it is non-negative (h >= p), the tag uses g instead of h.
    long g0 = h0 + 5;
    c = g0 >>> 26; g0 &= M26;
    long g1 = h1 + c;
    c = g1 >>> 26; g1 &= M26;
    long g2 = h2 + c;
    c = g2 >>> 26; g2 &= M26;
    long g3 = h3 + c;
    c = g3 >>> 26; g3 &= M26;
    long g4 = h4 + c - (1L << 26);
    long useH = g4 >> 63; // all ones when g is negative
    h0 = (h0 & useH) | (g0 & ~useH);
    h1 = (h1 & useH) | (g1 & ~useH);
    h2 = (h2 & useH) | (g2 & ~useH);
    h3 = (h3 & useH) | (g3 & ~useH);
    h4 = (h4 & useH) | (g4 & ~useH);
    // Limb 1 may be exactly 2^26 after the carries above, so the limbs are added, not ORed, into 128 bits.
    long t = h0 + (h1 << 26);
    long lo = t + (h2 << 52);
    long hi = (h2 >>> 12) + (h3 << 14) + (h4 << 40) + (((t >>> 52) + (h2 & 0xfff)) >>> 12);
    long f0 = lo + pad0;
    long carry = ((lo & pad0) | ((lo | pad0) & ~f0)) >>> 63;
    long f1 = hi + pad1 + carry;
    LE64.set(out, off, f0);
    LE64.set(out, off + 8, f1);
  }

  /** h = (h + m_i + hibit * 2^128) * r, partially reduced mod 2^130 - 5, for {@code n} blocks. */
  private void blocks(byte[] m, int off, int n, long hibit) {
    if (vector && n >= VECTOR_MIN_BLOCKS) {
      if (powersReady < 8) {
        computePowers(8);
      }
      int steps = n / VectorPoly1305.LANES;
      VectorPoly1305.blocks(this, m, off, steps, hibit);
      off += steps * VectorPoly1305.LANES * BLOCK_LENGTH;
      n -= steps * VectorPoly1305.LANES;
    }
    if (n >= 4) {
      if (powersReady < 4) {
        computePowers(4);
      }
      int quads = n / 4;
      fourBlocks(m, off, quads, hibit);
      off += quads * 4 * BLOCK_LENGTH;
      n -= quads * 4;
    }
    long[] r = powers[0];
    long r10 = r[0], r11 = r[1], r12 = r[2], r13 = r[3], r14 = r[4];
    long s11 = 5 * r11, s12 = 5 * r12, s13 = 5 * r13, s14 = 5 * r14;
    long h0 = this.h0, h1 = this.h1, h2 = this.h2, h3 = this.h3, h4 = this.h4;
    for (int i = 0; i < n; i++, off += BLOCK_LENGTH) {
      long lo = (long) LE64.get(m, off), hi = (long) LE64.get(m, off + 8);
      h0 += lo & M26;
      h1 += (lo >>> 26) & M26;
      h2 += ((lo >>> 52) | (hi << 12)) & M26;
      h3 += (hi >>> 14) & M26;
      h4 += (hi >>> 40) | hibit;
      long d0 = h0 * r10 + h1 * s14 + h2 * s13 + h3 * s12 + h4 * s11;
      long d1 = h0 * r11 + h1 * r10 + h2 * s14 + h3 * s13 + h4 * s12;
      long d2 = h0 * r12 + h1 * r11 + h2 * r10 + h3 * s14 + h4 * s13;
      long d3 = h0 * r13 + h1 * r12 + h2 * r11 + h3 * r10 + h4 * s14;
      long d4 = h0 * r14 + h1 * r13 + h2 * r12 + h3 * r11 + h4 * r10;
      long c = d0 >>> 26; h0 = d0 & M26; d1 += c;
      c = d1 >>> 26; h1 = d1 & M26; d2 += c;
      c = d2 >>> 26; h2 = d2 & M26; d3 += c;
      c = d3 >>> 26; h3 = d3 & M26; d4 += c;
      c = d4 >>> 26; h4 = d4 & M26; h0 += c * 5;
      c = h0 >>> 26; h0 &= M26; h1 += c;
    }
    this.h0 = h0;
    this.h1 = h1;
    this.h2 = h2;
    this.h3 = h3;
    this.h4 = h4;
  }

  /** {@code quads} steps of h = (h + m1) r^4 + m2 r^3 + m3 r^2 + m4 r over 64 bytes each. */
  private void fourBlocks(byte[] m, int off, int quads, long hibit) {
    long[] p = powers[0];
    long r10 = p[0], r11 = p[1], r12 = p[2], r13 = p[3], r14 = p[4];
    p = powers[1];
    long r20 = p[0], r21 = p[1], r22 = p[2], r23 = p[3], r24 = p[4];
    p = powers[2];
    long r30 = p[0], r31 = p[1], r32 = p[2], r33 = p[3], r34 = p[4];
    p = powers[3];
    long r40 = p[0], r41 = p[1], r42 = p[2], r43 = p[3], r44 = p[4];
    long s11 = 5 * r11, s12 = 5 * r12, s13 = 5 * r13, s14 = 5 * r14;
    long s21 = 5 * r21, s22 = 5 * r22, s23 = 5 * r23, s24 = 5 * r24;
    long s31 = 5 * r31, s32 = 5 * r32, s33 = 5 * r33, s34 = 5 * r34;
    long s41 = 5 * r41, s42 = 5 * r42, s43 = 5 * r43, s44 = 5 * r44;
    long h0 = this.h0, h1 = this.h1, h2 = this.h2, h3 = this.h3, h4 = this.h4;
    for (int q = 0; q < quads; q++, off += 4 * BLOCK_LENGTH) {
      long lo = (long) LE64.get(m, off), hi = (long) LE64.get(m, off + 8);
      h0 += lo & M26;
      h1 += (lo >>> 26) & M26;
      h2 += ((lo >>> 52) | (hi << 12)) & M26;
      h3 += (hi >>> 14) & M26;
      h4 += (hi >>> 40) | hibit;
      lo = (long) LE64.get(m, off + 16);
      hi = (long) LE64.get(m, off + 24);
      long m20 = lo & M26, m21 = (lo >>> 26) & M26, m22 = ((lo >>> 52) | (hi << 12)) & M26;
      long m23 = (hi >>> 14) & M26, m24 = (hi >>> 40) | hibit;
      lo = (long) LE64.get(m, off + 32);
      hi = (long) LE64.get(m, off + 40);
      long m30 = lo & M26, m31 = (lo >>> 26) & M26, m32 = ((lo >>> 52) | (hi << 12)) & M26;
      long m33 = (hi >>> 14) & M26, m34 = (hi >>> 40) | hibit;
      lo = (long) LE64.get(m, off + 48);
      hi = (long) LE64.get(m, off + 56);
      long m40 = lo & M26, m41 = (lo >>> 26) & M26, m42 = ((lo >>> 52) | (hi << 12)) & M26;
      long m43 = (hi >>> 14) & M26, m44 = (hi >>> 40) | hibit;
      long d0 = h0 * r40 + h1 * s44 + h2 * s43 + h3 * s42 + h4 * s41;
      long d1 = h0 * r41 + h1 * r40 + h2 * s44 + h3 * s43 + h4 * s42;
      long d2 = h0 * r42 + h1 * r41 + h2 * r40 + h3 * s44 + h4 * s43;
      long d3 = h0 * r43 + h1 * r42 + h2 * r41 + h3 * r40 + h4 * s44;
      long d4 = h0 * r44 + h1 * r43 + h2 * r42 + h3 * r41 + h4 * r40;
      d0 += m20 * r30 + m21 * s34 + m22 * s33 + m23 * s32 + m24 * s31;
      d1 += m20 * r31 + m21 * r30 + m22 * s34 + m23 * s33 + m24 * s32;
      d2 += m20 * r32 + m21 * r31 + m22 * r30 + m23 * s34 + m24 * s33;
      d3 += m20 * r33 + m21 * r32 + m22 * r31 + m23 * r30 + m24 * s34;
      d4 += m20 * r34 + m21 * r33 + m22 * r32 + m23 * r31 + m24 * r30;
      d0 += m30 * r20 + m31 * s24 + m32 * s23 + m33 * s22 + m34 * s21;
      d1 += m30 * r21 + m31 * r20 + m32 * s24 + m33 * s23 + m34 * s22;
      d2 += m30 * r22 + m31 * r21 + m32 * r20 + m33 * s24 + m34 * s23;
      d3 += m30 * r23 + m31 * r22 + m32 * r21 + m33 * r20 + m34 * s24;
      d4 += m30 * r24 + m31 * r23 + m32 * r22 + m33 * r21 + m34 * r20;
      d0 += m40 * r10 + m41 * s14 + m42 * s13 + m43 * s12 + m44 * s11;
      d1 += m40 * r11 + m41 * r10 + m42 * s14 + m43 * s13 + m44 * s12;
      d2 += m40 * r12 + m41 * r11 + m42 * r10 + m43 * s14 + m44 * s13;
      d3 += m40 * r13 + m41 * r12 + m42 * r11 + m43 * r10 + m44 * s14;
      d4 += m40 * r14 + m41 * r13 + m42 * r12 + m43 * r11 + m44 * r10;
      long c = d0 >>> 26; h0 = d0 & M26; d1 += c;
      c = d1 >>> 26; h1 = d1 & M26; d2 += c;
      c = d2 >>> 26; h2 = d2 & M26; d3 += c;
      c = d3 >>> 26; h3 = d3 & M26; d4 += c;
      c = d4 >>> 26; h4 = d4 & M26; h0 += c * 5;
      c = h0 >>> 26; h0 &= M26; h1 += c;
    }
    this.h0 = h0;
    this.h1 = h1;
    this.h2 = h2;
    this.h3 = h3;
    this.h4 = h4;
  }

  /**
   * Computes r^2..r^4 and, for {@code upTo == 8}, r^8 and the vector loop's final multipliers; four products in a tree
   * (r^2; r^3 and r^4 side by side; r^8) rather than a chain.
   */
  private void computePowers(int upTo) {
    long[][] r = powers;
    if (powersReady < 4) {
      square(r[1], r[0]);
      multiply(r[2], r[1], r[0]);
      square(r[3], r[1]);
    }
    if (upTo == 8) {
      square(r8, r[3]);
      for (int limb = 0; limb < 5; limb++) {
        long[] lanes = lanePowers[limb];
        lanes[0] = lanes[4] = r[3][limb];
        lanes[1] = lanes[5] = r[2][limb];
        lanes[2] = lanes[6] = r[1][limb];
        lanes[3] = lanes[7] = r[0][limb];
        long[] low = lowHalfTimesR4[limb];
        low[0] = low[1] = low[2] = low[3] = r[3][limb];
      }
    }
    powersReady = upTo;
  }

  /**
   * Sets the accumulator to the sum of the vector loop's lanes, given as five column sums (below 2^40), carried back
   * into 26-bit limbs (limb 1 may exceed 2^26 by a little, as after a scalar block).
   */
  void absorbLaneSums(long d0, long d1, long d2, long d3, long d4) {
    long c = d0 >>> 26; d0 &= M26; d1 += c;
    c = d1 >>> 26; d1 &= M26; d2 += c;
    c = d2 >>> 26; d2 &= M26; d3 += c;
    c = d3 >>> 26; d3 &= M26; d4 += c;
    c = d4 >>> 26; d4 &= M26; d0 += c * 5;
    c = d0 >>> 26; d0 &= M26; d1 += c;
    h0 = d0;
    h1 = d1;
    h2 = d2;
    h3 = d3;
    h4 = d4;
  }

  /** Chooses the block loop once, on first use, and logs the choice and why. */
  private static final class Loop {
    static final String REASON;
    static final boolean VECTOR;

    static {
      String reason;
      boolean vector = false;
      if (Boolean.getBoolean(SCALAR_PROPERTY)) {
        reason = "forced by -D" + SCALAR_PROPERTY + "=true";
      } else if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
        reason = "module jdk.incubator.vector not present; run with --add-modules=jdk.incubator.vector";
      } else {
        String unusable;
        try {
          unusable = VectorPoly1305.unavailabilityCause();
        } catch (LinkageError e) {
          unusable = "Vector API unusable: " + e;
        }
        vector = unusable == null;
        reason = vector ? "512-bit Vector API available" : unusable;
      }
      REASON = reason;
      VECTOR = vector;
      System.getLogger(Poly1305.class.getName())
          .log(System.Logger.Level.INFO, "Poly1305 loop: {0} ({1})", vector ? "vector-512" : "scalar", reason);
    }
  }

  /** out = a * b mod 2^130 - 5, limbs below 2^26 except limb 1, which may exceed it by a little. */
  private static void multiply(long[] out, long[] a, long[] b) {
    long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    long b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4];
    long d0 = a0 * b0 + 5 * (a1 * b4 + a2 * b3 + a3 * b2 + a4 * b1);
    long d1 = a0 * b1 + a1 * b0 + 5 * (a2 * b4 + a3 * b3 + a4 * b2);
    long d2 = a0 * b2 + a1 * b1 + a2 * b0 + 5 * (a3 * b4 + a4 * b3);
    long d3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0 + 5 * (a4 * b4);
    long d4 = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0;
    carry(out, d0, d1, d2, d3, d4);
  }

  /** out = a^2 mod 2^130 - 5: fifteen products instead of twenty-five; limbs as for {@link #multiply}. */
  private static void square(long[] out, long[] a) {
    long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    long t0 = 2 * a0, t1 = 2 * a1;
    long d0 = a0 * a0 + 10 * (a1 * a4 + a2 * a3);
    long d1 = t0 * a1 + 5 * (2 * a2 * a4 + a3 * a3);
    long d2 = t0 * a2 + a1 * a1 + 10 * (a3 * a4);
    long d3 = t0 * a3 + t1 * a2 + 5 * (a4 * a4);
    long d4 = t0 * a4 + t1 * a3 + a2 * a2;
    carry(out, d0, d1, d2, d3, d4);
  }

  /** Carries five column sums (below 2^63) into limbs below 2^26, limb 1 a little above, and stores them. */
  private static void carry(long[] out, long d0, long d1, long d2, long d3, long d4) {
    long c = d0 >>> 26; d0 &= M26; d1 += c;
    c = d1 >>> 26; d1 &= M26; d2 += c;
    c = d2 >>> 26; d2 &= M26; d3 += c;
    c = d3 >>> 26; d3 &= M26; d4 += c;
    c = d4 >>> 26; d4 &= M26; d0 += c * 5;
    c = d0 >>> 26; d0 &= M26; d1 += c;
    out[0] = d0;
    out[1] = d1;
    out[2] = d2;
    out[3] = d3;
    out[4] = d4;
  }
}
