package io.portcullis.gateway.crypto;

/**
 * Arithmetic modulo p = 2^255 - 19 on five 51-bit limbs in {@code long[5]} (radix 2^51), for {@link X25519}.
 *
 * <p>A limb product needs up to 128 bits: {@link Math#unsignedMultiplyHigh} gives the top half and the plain product
 * the bottom, split at bit 54 (see {@link #SHIFT}), and each column of the schoolbook product is kept as two sums so
 * that no carry has to be detected with a comparison. Inputs to {@link #mul} and {@link #square} must have limbs
 * below 2^53 (true for outputs of mul/square/mulSmall, sums of two such, and {@link #sub} results); outputs have
 * limbs below 2^51 + 2^17. Everything runs in time independent of the values; no branch or index depends on them.
 */
final class Field25519 {
  static final int LIMBS = 5;
  private static final long M51 = (1L << 51) - 1;
  /**
   * One factor of every product is shifted left by 10 bits first, so that the 128-bit product splits at bit 54: the
   * high word is floor(x*y / 2^54) and the low word, shifted back, is x*y mod 2^54. Columns then add without carries.
   * Needs that factor below 2^54 (an unsigned 64-bit value after the shift).
   */
  private static final int SHIFT = 10;
  /** 2p in radix 2^51, added before subtracting so limbs stay non-negative. */
  private static final long TWO_P0 = 0xfffffffffffdaL, TWO_P1234 = 0xffffffffffffeL;

  private static final java.lang.invoke.VarHandle LE64 =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  private Field25519() {}

  private static long le64(byte[] b, int off) {
    return (long) LE64.get(b, off);
  }

  /** Loads a little-endian 32-byte field element, ignoring bit 255 (RFC 7748 §5). */
  static void fromBytes(long[] out, byte[] in, int off) {
    long w0 = le64(in, off), w1 = le64(in, off + 8);
    long w2 = le64(in, off + 16), w3 = le64(in, off + 24);
    out[0] = w0 & M51;
    out[1] = ((w0 >>> 51) | (w1 << 13)) & M51;
    out[2] = ((w1 >>> 38) | (w2 << 26)) & M51;
    out[3] = ((w2 >>> 25) | (w3 << 39)) & M51;
    out[4] = (w3 >>> 12) & M51;
  }

  /** Stores the unique representative in [0, p) as 32 little-endian bytes. */
  static void toBytes(byte[] out, int off, long[] a) {
    long l0 = a[0], l1 = a[1], l2 = a[2], l3 = a[3], l4 = a[4];
    for (int pass = 0; pass < 2; pass++) {
      l1 += l0 >>> 51; l0 &= M51;
      l2 += l1 >>> 51; l1 &= M51;
      l3 += l2 >>> 51; l2 &= M51;
      l4 += l3 >>> 51; l3 &= M51;
      l0 += 19 * (l4 >>> 51); l4 &= M51;
    }
    // Now the value is below 2p: q = 1 exactly when value + 19 reaches 2^255, that is when value >= p.
    long q = (l0 + 19) >>> 51;
    q = (l1 + q) >>> 51;
    q = (l2 + q) >>> 51;
    q = (l3 + q) >>> 51;
    q = (l4 + q) >>> 51;
    l0 += 19 * q;
    l1 += l0 >>> 51; l0 &= M51;
    l2 += l1 >>> 51; l1 &= M51;
    l3 += l2 >>> 51; l2 &= M51;
    l4 += l3 >>> 51; l3 &= M51;
    l4 &= M51;
    LE64.set(out, off, l0 | (l1 << 51));
    LE64.set(out, off + 8, (l1 >>> 13) | (l2 << 38));
    LE64.set(out, off + 16, (l2 >>> 26) | (l3 << 25));
    LE64.set(out, off + 24, (l3 >>> 39) | (l4 << 12));
  }

  static void set(long[] out, long[] a) {
    System.arraycopy(a, 0, out, 0, LIMBS);
  }

  static void setSmall(long[] out, long v) {
    out[0] = v;
    out[1] = out[2] = out[3] = out[4] = 0;
  }

  static void add(long[] out, long[] a, long[] b) {
    out[0] = a[0] + b[0];
    out[1] = a[1] + b[1];
    out[2] = a[2] + b[2];
    out[3] = a[3] + b[3];
    out[4] = a[4] + b[4];
  }

  /** a - b + 2p; {@code b} must be an output of mul/square/mulSmall (limbs below 2^52 - 38). */
  static void sub(long[] out, long[] a, long[] b) {
    out[0] = a[0] + TWO_P0 - b[0];
    out[1] = a[1] + TWO_P1234 - b[1];
    out[2] = a[2] + TWO_P1234 - b[2];
    out[3] = a[3] + TWO_P1234 - b[3];
    out[4] = a[4] + TWO_P1234 - b[4];
  }

  /** Swaps a and b when {@code swap} is 1, leaves them when 0, with the same operations either way. */
  static void cswap(long swap, long[] a, long[] b) {
    long mask = -swap;
    for (int i = 0; i < LIMBS; i++) {
      long x = mask & (a[i] ^ b[i]);
      a[i] ^= x;
      b[i] ^= x;
    }
  }

  static void mul(long[] out, long[] a, long[] b) {
    long s0 = a[0] << SHIFT, s1 = a[1] << SHIFT, s2 = a[2] << SHIFT, s3 = a[3] << SHIFT, s4 = a[4] << SHIFT;
    long b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4];
    long b1x19 = 19 * b1, b2x19 = 19 * b2, b3x19 = 19 * b3, b4x19 = 19 * b4;
    long p;
    p = s0 * b0;
    long h0 = Math.unsignedMultiplyHigh(s0, b0), l0 = p >>> SHIFT;
    p = s1 * b4x19; h0 += Math.unsignedMultiplyHigh(s1, b4x19); l0 += p >>> SHIFT;
    p = s2 * b3x19; h0 += Math.unsignedMultiplyHigh(s2, b3x19); l0 += p >>> SHIFT;
    p = s3 * b2x19; h0 += Math.unsignedMultiplyHigh(s3, b2x19); l0 += p >>> SHIFT;
    p = s4 * b1x19; h0 += Math.unsignedMultiplyHigh(s4, b1x19); l0 += p >>> SHIFT;
    p = s0 * b1;
    long h1 = Math.unsignedMultiplyHigh(s0, b1), l1 = p >>> SHIFT;
    p = s1 * b0; h1 += Math.unsignedMultiplyHigh(s1, b0); l1 += p >>> SHIFT;
    p = s2 * b4x19; h1 += Math.unsignedMultiplyHigh(s2, b4x19); l1 += p >>> SHIFT;
    p = s3 * b3x19; h1 += Math.unsignedMultiplyHigh(s3, b3x19); l1 += p >>> SHIFT;
    p = s4 * b2x19; h1 += Math.unsignedMultiplyHigh(s4, b2x19); l1 += p >>> SHIFT;
    p = s0 * b2;
    long h2 = Math.unsignedMultiplyHigh(s0, b2), l2 = p >>> SHIFT;
    p = s1 * b1; h2 += Math.unsignedMultiplyHigh(s1, b1); l2 += p >>> SHIFT;
    p = s2 * b0; h2 += Math.unsignedMultiplyHigh(s2, b0); l2 += p >>> SHIFT;
    p = s3 * b4x19; h2 += Math.unsignedMultiplyHigh(s3, b4x19); l2 += p >>> SHIFT;
    p = s4 * b3x19; h2 += Math.unsignedMultiplyHigh(s4, b3x19); l2 += p >>> SHIFT;
    p = s0 * b3;
    long h3 = Math.unsignedMultiplyHigh(s0, b3), l3 = p >>> SHIFT;
    p = s1 * b2; h3 += Math.unsignedMultiplyHigh(s1, b2); l3 += p >>> SHIFT;
    p = s2 * b1; h3 += Math.unsignedMultiplyHigh(s2, b1); l3 += p >>> SHIFT;
    p = s3 * b0; h3 += Math.unsignedMultiplyHigh(s3, b0); l3 += p >>> SHIFT;
    p = s4 * b4x19; h3 += Math.unsignedMultiplyHigh(s4, b4x19); l3 += p >>> SHIFT;
    p = s0 * b4;
    long h4 = Math.unsignedMultiplyHigh(s0, b4), l4 = p >>> SHIFT;
    p = s1 * b3; h4 += Math.unsignedMultiplyHigh(s1, b3); l4 += p >>> SHIFT;
    p = s2 * b2; h4 += Math.unsignedMultiplyHigh(s2, b2); l4 += p >>> SHIFT;
    p = s3 * b1; h4 += Math.unsignedMultiplyHigh(s3, b1); l4 += p >>> SHIFT;
    p = s4 * b0; h4 += Math.unsignedMultiplyHigh(s4, b0); l4 += p >>> SHIFT;
    carry(out, l0, h0, l1, h1, l2, h2, l3, h3, l4, h4);
  }

  static void square(long[] out, long[] a) {
    long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    long s0 = a0 << SHIFT, s1 = a1 << SHIFT, s2 = a2 << SHIFT, s3 = a3 << SHIFT, s4 = a4 << SHIFT;
    long d0 = s0 << 1, d1 = s1 << 1, d2 = s2 << 1, d3 = s3 << 1;
    long a3x19 = 19 * a3, a4x19 = 19 * a4;
    long p;
    p = s0 * a0;
    long h0 = Math.unsignedMultiplyHigh(s0, a0), l0 = p >>> SHIFT;
    p = d1 * a4x19; h0 += Math.unsignedMultiplyHigh(d1, a4x19); l0 += p >>> SHIFT;
    p = d2 * a3x19; h0 += Math.unsignedMultiplyHigh(d2, a3x19); l0 += p >>> SHIFT;
    p = d0 * a1;
    long h1 = Math.unsignedMultiplyHigh(d0, a1), l1 = p >>> SHIFT;
    p = s3 * a3x19; h1 += Math.unsignedMultiplyHigh(s3, a3x19); l1 += p >>> SHIFT;
    p = d2 * a4x19; h1 += Math.unsignedMultiplyHigh(d2, a4x19); l1 += p >>> SHIFT;
    p = d0 * a2;
    long h2 = Math.unsignedMultiplyHigh(d0, a2), l2 = p >>> SHIFT;
    p = s1 * a1; h2 += Math.unsignedMultiplyHigh(s1, a1); l2 += p >>> SHIFT;
    p = d3 * a4x19; h2 += Math.unsignedMultiplyHigh(d3, a4x19); l2 += p >>> SHIFT;
    p = d0 * a3;
    long h3 = Math.unsignedMultiplyHigh(d0, a3), l3 = p >>> SHIFT;
    p = d1 * a2; h3 += Math.unsignedMultiplyHigh(d1, a2); l3 += p >>> SHIFT;
    p = s4 * a4x19; h3 += Math.unsignedMultiplyHigh(s4, a4x19); l3 += p >>> SHIFT;
    p = d0 * a4;
    long h4 = Math.unsignedMultiplyHigh(d0, a4), l4 = p >>> SHIFT;
    p = d1 * a3; h4 += Math.unsignedMultiplyHigh(d1, a3); l4 += p >>> SHIFT;
    p = s2 * a2; h4 += Math.unsignedMultiplyHigh(s2, a2); l4 += p >>> SHIFT;
    carry(out, l0, h0, l1, h1, l2, h2, l3, h3, l4, h4);
  }

  /** {@code a^(2^n)}. */
  static void squareTimes(long[] out, long[] a, int n) {
    square(out, a);
    for (int i = 1; i < n; i++) {
      square(out, out);
    }
  }

  /**
   * Turns five columns, each the sum l + h * 2^54 (l below 2^57, h below 2^59), into limbs below 2^51 + 2^17. Each
   * column's carry goes into the next column's l; the top carry is split at 51 bits before multiplying by 19 so that
   * it cannot overflow.
   */
  private static void carry(long[] out, long l0, long h0, long l1, long h1, long l2, long h2, long l3, long h3,
      long l4, long h4) {
    long c = (h0 << (54 - 51)) + (l0 >>> 51);
    long r0 = l0 & M51;
    l1 += c;
    c = (h1 << (54 - 51)) + (l1 >>> 51);
    long r1 = l1 & M51;
    l2 += c;
    c = (h2 << (54 - 51)) + (l2 >>> 51);
    long r2 = l2 & M51;
    l3 += c;
    c = (h3 << (54 - 51)) + (l3 >>> 51);
    long r3 = l3 & M51;
    l4 += c;
    c = (h4 << (54 - 51)) + (l4 >>> 51);
    long r4 = l4 & M51;
    // c * 2^255 = 19 * c; c = cLo + cHi * 2^51 goes in as 19 * cLo at limb 0 and 19 * cHi at limb 1.
    r0 += 19 * (c & M51);
    r1 += 19 * (c >>> 51) + (r0 >>> 51);
    r0 &= M51;
    out[0] = r0;
    out[1] = r1;
    out[2] = r2;
    out[3] = r3;
    out[4] = r4;
  }

  /** a * k for a small constant {@code k} below 2^17 (the ladder's a24); {@code a} limbs below 2^53. */
  static void mulSmall(long[] out, long[] a, long k) {
    long lo = a[0] * k, hi = Math.multiplyHigh(a[0], k);
    long r0 = lo & M51;
    long c = (lo >>> 51) + (hi << 13);
    lo = a[1] * k;
    hi = Math.multiplyHigh(a[1], k);
    long r1 = (lo & M51) + c;
    c = (lo >>> 51) + (hi << 13) + (r1 >>> 51);
    r1 &= M51;
    lo = a[2] * k;
    hi = Math.multiplyHigh(a[2], k);
    long r2 = (lo & M51) + c;
    c = (lo >>> 51) + (hi << 13) + (r2 >>> 51);
    r2 &= M51;
    lo = a[3] * k;
    hi = Math.multiplyHigh(a[3], k);
    long r3 = (lo & M51) + c;
    c = (lo >>> 51) + (hi << 13) + (r3 >>> 51);
    r3 &= M51;
    lo = a[4] * k;
    hi = Math.multiplyHigh(a[4], k);
    long r4 = (lo & M51) + c;
    c = (lo >>> 51) + (hi << 13) + (r4 >>> 51);
    r4 &= M51;
    r0 += 19 * c;
    r1 += r0 >>> 51;
    r0 &= M51;
    out[0] = r0;
    out[1] = r1;
    out[2] = r2;
    out[3] = r3;
    out[4] = r4;
  }

  /** {@code z^(p-2) = 1/z} (0 for 0) by the usual chain of 254 squarings and 11 multiplications. */
  static void invert(long[] out, long[] z, long[][] t) {
    long[] z2 = t[0], z9 = t[1], z11 = t[2], z2_5 = t[3], z2_10 = t[4], z2_20 = t[5], z2_50 = t[6], z2_100 = t[7];
    long[] x = t[8];
    square(z2, z); // 2
    squareTimes(x, z2, 2); // 8
    mul(z9, x, z); // 9
    mul(z11, z9, z2); // 11
    square(x, z11); // 22
    mul(z2_5, x, z9); // 2^5 - 1
    squareTimes(x, z2_5, 5);
    mul(z2_10, x, z2_5); // 2^10 - 1
    squareTimes(x, z2_10, 10);
    mul(z2_20, x, z2_10); // 2^20 - 1
    squareTimes(x, z2_20, 20);
    mul(x, x, z2_20); // 2^40 - 1
    squareTimes(x, x, 10);
    mul(z2_50, x, z2_10); // 2^50 - 1
    squareTimes(x, z2_50, 50);
    mul(z2_100, x, z2_50); // 2^100 - 1
    squareTimes(x, z2_100, 100);
    mul(x, x, z2_100); // 2^200 - 1
    squareTimes(x, x, 50);
    mul(x, x, z2_50); // 2^250 - 1
    squareTimes(x, x, 5); // 2^255 - 32
    mul(out, x, z11); // 2^255 - 21
  }
}
