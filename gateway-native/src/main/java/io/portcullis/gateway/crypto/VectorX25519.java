package io.portcullis.gateway.crypto;

import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import java.util.Arrays;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The X25519 Montgomery ladder (RFC 7748 §5, https://www.rfc-editor.org/rfc/rfc7748#section-5) with the four field
 * elements of its state in the four 64-bit lanes of 256-bit vectors, so that each step is three lane-wise
 * multiplications instead of nine field operations one after the other.
 *
 * <p>A "quad" is four field elements in radix 2^25.5 (ten limbs of 26 and 25 bits alternately, limb i at bit
 * ceil(25.5 i)), stored limb-major in a {@code long[40]}: limb i of lane l at {@code 4 i + l}. The state is [x2, z2,
 * x3, z3]. One step, with every product lane-wise:
 *
 * <pre>
 *   [A, B, C, D]      = [x2 + z2, x2 - z2, x3 + z3, x3 - z3]
 *   [AA, BB, DA, CB]  = [A, B, D, C] * [A, B, A, B]
 *   [X3, T, X2, F]    = [DA + CB, DA - CB, AA, E] * [DA + CB, DA - CB, BB, a24]      (E = AA - BB)
 *   [x2, z2, x3, z3]' = [X2, E, X3, T] * [1, AA + F, 1, x1]
 * </pre>
 *
 * The conditional swap of (x2, z2) with (x3, z3) exchanges lane pairs under an all-ones or all-zero mask. Differences
 * add 2p first, so limbs stay non-negative; inputs to a product have limbs below 3 * 2^26, every column stays below
 * 2^63, and outputs are carried to below 2^26 + 2^13 (even limbs) and 2^25 + 2^17 (odd limbs). No branch or index
 * depends on the scalar. The scalar twin is {@link X25519}'s ladder over {@link Field25519}; {@link X25519} picks once.
 */
final class VectorX25519 {
  private static final VectorSpecies<Long> QUAD = LongVector.SPECIES_256;
  private static final long M26 = (1L << 26) - 1, M25 = (1L << 25) - 1;
  /** Limbs of 2p in radix 2^25.5, added before a subtraction. */
  private static final long TWO_P0 = 2 * ((1L << 26) - 19), TWO_P_EVEN = 2 * M26, TWO_P_ODD = 2 * M25;
  private static final long A24 = 121665;

  /** Lane selections (indexes for {@code selectFrom}); the names say which lanes of the source land in lanes 0..3. */
  private static final long[] L0022 = {0, 0, 2, 2}, L1133 = {1, 1, 3, 3}, L0132 = {0, 1, 3, 2}, L0101 = {0, 1, 0, 1};
  private static final long[] L2200 = {2, 2, 0, 0}, L3311 = {3, 3, 1, 1}, L1111 = {1, 1, 1, 1};
  private static final long[] L2301 = {2, 3, 0, 1}, L2101 = {2, 1, 0, 1}, L3333 = {3, 3, 3, 3}, L2222 = {2, 2, 2, 2};
  /** Lane masks: all ones in the lanes named. */
  private static final long[] LANES_1_3 = {0, -1, 0, -1}, LANES_0_1_3 = {-1, -1, 0, -1}, LANES_0_1 = {-1, -1, 0, 0};
  private static final long[] LANE_1 = {0, -1, 0, 0}, LANE_2 = {0, 0, -1, 0}, LANES_0_2_3 = {-1, 0, -1, -1};
  /**
   * Per limb, 2p + 1 in lanes 1 and 3: with the other lanes' bits flipped by {@link #LANES_1_3} first, adding it turns
   * z into 2p - z there (~z + 1 = -z) and leaves lanes 0 and 2 alone.
   */
  private static final long[] TWO_P_PLUS_1_IN_1_3 = twoPPlusOne();
  /** a24 in lane 3 of limb 0, zero elsewhere. */
  private static final long[] A24_IN_3 = new long[40];

  static {
    A24_IN_3[3] = A24;
  }

  private static long[] twoPPlusOne() {
    long[] c = new long[40];
    for (int limb = 0; limb < 10; limb++) {
      long twoP = limb == 0 ? TWO_P0 : (limb & 1) == 0 ? TWO_P_EVEN : TWO_P_ODD;
      c[4 * limb + 1] = c[4 * limb + 3] = twoP + 1;
    }
    return c;
  }

  private VectorX25519() {}

  /**
   * Null when this ladder can run here; otherwise why not: it needs 512-bit preferred vectors (AVX-512, where 64-bit
   * lane multiplies are single instructions; on AVX2 they are emulated). Cheap: the agreement with the scalar ladder is
   * {@link #selfTest()}, which costs seconds before C2 has compiled the ladder.
   */
  static String unavailabilityCause() {
    int bits = LongVector.SPECIES_PREFERRED.vectorBitSize();
    if (bits < 512) {
      return "preferred vector width is " + bits + " bits; this ladder wants AVX-512 (native 64-bit lane multiplies)";
    }
    return null;
  }

  /** Null when this ladder and the scalar one agree on a fixed input; otherwise what went wrong. */
  static String selfTest() {
    byte[] k = new byte[32];
    byte[] u = new byte[32];
    for (int i = 0; i < 32; i++) {
      k[i] = (byte) (0x5a ^ 29 * i);
      u[i] = (byte) (0xc3 ^ 53 * i);
    }
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    X25519.scalarMult(a, k, u, false);
    X25519.scalarMult(b, k, u, true);
    return Arrays.equals(a, b) ? null : "vector X25519 self-test disagreed with the scalar ladder";
  }

  /**
   * Runs the ladder over bits 254..0 of the clamped scalar {@code k} from the u-coordinate {@code x1} (radix 2^51, as
   * {@link Field25519}) and leaves x2 and z2 in {@code x2} and {@code z2} (radix 2^51, limbs below 2^52).
   */
  static void ladder(byte[] k, long[] x1, long[] x2, long[] z2, Scratch s) {
    long[] state = s.state, t = s.t, l = s.l, r = s.r, q = s.q, oneX1 = s.oneX1;
    Arrays.fill(state, 0);
    Arrays.fill(oneX1, 0);
    oneX1[0] = oneX1[2] = 1; // the number 1 in lanes 0 and 2
    for (int limb = 0; limb < 5; limb++) {
      long lo = x1[limb] & M26, hi = x1[limb] >>> 26;
      state[8 * limb + 2] = lo; // x3 = x1
      state[8 * limb + 4 + 2] = hi;
      oneX1[8 * limb + 3] = lo; // x1 in lane 3
      oneX1[8 * limb + 4 + 3] = hi;
    }
    state[0] = 1; // x2 = 1
    state[3] = 1; // z3 = 1
    LongVector lanes13 = LongVector.fromArray(QUAD, LANES_1_3, 0);
    LongVector lanes013 = LongVector.fromArray(QUAD, LANES_0_1_3, 0);
    LongVector lanes01 = LongVector.fromArray(QUAD, LANES_0_1, 0);
    LongVector lanes023 = LongVector.fromArray(QUAD, LANES_0_2_3, 0);
    LongVector lane1 = LongVector.fromArray(QUAD, LANE_1, 0);
    LongVector lane2 = LongVector.fromArray(QUAD, LANE_2, 0);
    LongVector i0022 = LongVector.fromArray(QUAD, L0022, 0), i1133 = LongVector.fromArray(QUAD, L1133, 0);
    LongVector i0132 = LongVector.fromArray(QUAD, L0132, 0), i0101 = LongVector.fromArray(QUAD, L0101, 0);
    LongVector i2200 = LongVector.fromArray(QUAD, L2200, 0), i3311 = LongVector.fromArray(QUAD, L3311, 0);
    LongVector i2101 = LongVector.fromArray(QUAD, L2101, 0), i3333 = LongVector.fromArray(QUAD, L3333, 0);
    LongVector i2222 = LongVector.fromArray(QUAD, L2222, 0), i1111 = LongVector.fromArray(QUAD, L1111, 0);
    long swap = 0;
    for (int bit = 254; bit >= 0; bit--) {
      long b = (k[bit >>> 3] >>> (bit & 7)) & 1;
      swap ^= b;
      // The conditional swap of (x2, z2) with (x3, z3) is folded into the lane selections that read the state: lane
      // l becomes lane l ^ 2. vpermq's timing does not depend on its index register.
      LongVector flip = LongVector.broadcast(QUAD, 2 * swap);
      LongVector pickX = i0022.lanewise(XOR, flip), pickZ = i1133.lanewise(XOR, flip);
      swap = b;
      for (int limb = 0; limb < 10; limb++) {
        LongVector v = LongVector.fromArray(QUAD, state, 4 * limb);
        LongVector fix = LongVector.fromArray(QUAD, TWO_P_PLUS_1_IN_1_3, 4 * limb);
        // [x2, x2, x3, x3] + [z2, 2p - z2, z3, 2p - z3] = [A, B, C, D]
        LongVector abcd = pickX.selectFrom(v).add(pickZ.selectFrom(v).lanewise(XOR, lanes13).add(fix));
        i0132.selectFrom(abcd).intoArray(l, 4 * limb); // [A, B, D, C]
        i0101.selectFrom(abcd).intoArray(r, 4 * limb); // [A, B, A, B]
      }
      multiply(q, l, r); // [AA, BB, DA, CB]
      for (int limb = 0; limb < 10; limb++) {
        LongVector v = LongVector.fromArray(QUAD, q, 4 * limb);
        LongVector fix = LongVector.fromArray(QUAD, TWO_P_PLUS_1_IN_1_3, 4 * limb);
        // [DA, DA, AA, AA] + [CB, 2p - CB, 0, 2p - BB] = [DA + CB, DA - CB, AA, E]
        LongVector left = i2200.selectFrom(v).add(i3311.selectFrom(v).lanewise(XOR, lanes13).and(lanes013).add(fix));
        left.intoArray(l, 4 * limb);
        LongVector a24 = LongVector.fromArray(QUAD, A24_IN_3, 4 * limb);
        // [DA + CB, DA - CB, BB, a24]
        left.and(lanes01).or(i1111.selectFrom(v).and(lane2)).add(a24).intoArray(r, 4 * limb);
      }
      multiply(t, l, r); // [X3, T, X2, F]
      for (int limb = 0; limb < 10; limb++) {
        LongVector left = LongVector.fromArray(QUAD, l, 4 * limb); // [DA + CB, DA - CB, AA, E]
        LongVector v = LongVector.fromArray(QUAD, t, 4 * limb);
        // [X2, E, X3, T] and [1, AA + F, 1, x1]
        i2101.selectFrom(v).and(lanes023).or(i3333.selectFrom(left).and(lane1)).intoArray(l, 4 * limb);
        LongVector oneOrX1 = LongVector.fromArray(QUAD, oneX1, 4 * limb);
        i2222.selectFrom(left).add(i3333.selectFrom(v)).and(lane1).or(oneOrX1).intoArray(r, 4 * limb);
      }
      multiply(state, l, r); // [x2, z2, x3, z3]
    }
    // The last swap, by the last bit (always 0 for a clamped scalar; kept so the ladder is RFC 7748's for any scalar).
    LongVector last = LongVector.broadcast(QUAD, -swap);
    LongVector swapPairs = LongVector.fromArray(QUAD, L2301, 0);
    for (int limb = 0; limb < 10; limb++) {
      LongVector v = LongVector.fromArray(QUAD, state, 4 * limb);
      v.lanewise(XOR, v.lanewise(XOR, swapPairs.selectFrom(v)).and(last)).intoArray(state, 4 * limb);
    }
    for (int limb = 0; limb < 5; limb++) {
      x2[limb] = state[8 * limb] + (state[8 * limb + 4] << 26);
      z2[limb] = state[8 * limb + 1] + (state[8 * limb + 4 + 1] << 26);
    }
  }

  /** out = a * b lane by lane (out may be a or b); limbs in, out and bounds as in the class comment. */
  static void multiply(long[] out, long[] a, long[] b) {
    LongVector a0 = LongVector.fromArray(QUAD, a, 0), b0 = LongVector.fromArray(QUAD, b, 0);
    LongVector a1 = LongVector.fromArray(QUAD, a, 4), b1 = LongVector.fromArray(QUAD, b, 4);
    LongVector a2 = LongVector.fromArray(QUAD, a, 8), b2 = LongVector.fromArray(QUAD, b, 8);
    LongVector a3 = LongVector.fromArray(QUAD, a, 12), b3 = LongVector.fromArray(QUAD, b, 12);
    LongVector a4 = LongVector.fromArray(QUAD, a, 16), b4 = LongVector.fromArray(QUAD, b, 16);
    LongVector a5 = LongVector.fromArray(QUAD, a, 20), b5 = LongVector.fromArray(QUAD, b, 20);
    LongVector a6 = LongVector.fromArray(QUAD, a, 24), b6 = LongVector.fromArray(QUAD, b, 24);
    LongVector a7 = LongVector.fromArray(QUAD, a, 28), b7 = LongVector.fromArray(QUAD, b, 28);
    LongVector a8 = LongVector.fromArray(QUAD, a, 32), b8 = LongVector.fromArray(QUAD, b, 32);
    LongVector a9 = LongVector.fromArray(QUAD, a, 36), b9 = LongVector.fromArray(QUAD, b, 36);
    // Odd limbs of a doubled (odd x odd products carry an extra factor 2), limbs of b times 19 (wrapped columns).
    LongVector d1 = a1.add(a1), d3 = a3.add(a3), d5 = a5.add(a5), d7 = a7.add(a7), d9 = a9.add(a9);
    LongVector n1 = b1.mul(19), n2 = b2.mul(19), n3 = b3.mul(19), n4 = b4.mul(19), n5 = b5.mul(19);
    LongVector n6 = b6.mul(19), n7 = b7.mul(19), n8 = b8.mul(19), n9 = b9.mul(19);
    LongVector h0 = a0.mul(b0).add(d1.mul(n9)).add(a2.mul(n8)).add(d3.mul(n7)).add(a4.mul(n6)).add(d5.mul(n5))
        .add(a6.mul(n4)).add(d7.mul(n3)).add(a8.mul(n2)).add(d9.mul(n1));
    LongVector h1 = a0.mul(b1).add(a1.mul(b0)).add(a2.mul(n9)).add(a3.mul(n8)).add(a4.mul(n7)).add(a5.mul(n6))
        .add(a6.mul(n5)).add(a7.mul(n4)).add(a8.mul(n3)).add(a9.mul(n2));
    LongVector h2 = a0.mul(b2).add(d1.mul(b1)).add(a2.mul(b0)).add(d3.mul(n9)).add(a4.mul(n8)).add(d5.mul(n7))
        .add(a6.mul(n6)).add(d7.mul(n5)).add(a8.mul(n4)).add(d9.mul(n3));
    LongVector h3 = a0.mul(b3).add(a1.mul(b2)).add(a2.mul(b1)).add(a3.mul(b0)).add(a4.mul(n9)).add(a5.mul(n8))
        .add(a6.mul(n7)).add(a7.mul(n6)).add(a8.mul(n5)).add(a9.mul(n4));
    LongVector h4 = a0.mul(b4).add(d1.mul(b3)).add(a2.mul(b2)).add(d3.mul(b1)).add(a4.mul(b0)).add(d5.mul(n9))
        .add(a6.mul(n8)).add(d7.mul(n7)).add(a8.mul(n6)).add(d9.mul(n5));
    LongVector h5 = a0.mul(b5).add(a1.mul(b4)).add(a2.mul(b3)).add(a3.mul(b2)).add(a4.mul(b1)).add(a5.mul(b0))
        .add(a6.mul(n9)).add(a7.mul(n8)).add(a8.mul(n7)).add(a9.mul(n6));
    LongVector h6 = a0.mul(b6).add(d1.mul(b5)).add(a2.mul(b4)).add(d3.mul(b3)).add(a4.mul(b2)).add(d5.mul(b1))
        .add(a6.mul(b0)).add(d7.mul(n9)).add(a8.mul(n8)).add(d9.mul(n7));
    LongVector h7 = a0.mul(b7).add(a1.mul(b6)).add(a2.mul(b5)).add(a3.mul(b4)).add(a4.mul(b3)).add(a5.mul(b2))
        .add(a6.mul(b1)).add(a7.mul(b0)).add(a8.mul(n9)).add(a9.mul(n8));
    LongVector h8 = a0.mul(b8).add(d1.mul(b7)).add(a2.mul(b6)).add(d3.mul(b5)).add(a4.mul(b4)).add(d5.mul(b3))
        .add(a6.mul(b2)).add(d7.mul(b1)).add(a8.mul(b0)).add(d9.mul(n9));
    LongVector h9 = a0.mul(b9).add(a1.mul(b8)).add(a2.mul(b7)).add(a3.mul(b6)).add(a4.mul(b5)).add(a5.mul(b4))
        .add(a6.mul(b3)).add(a7.mul(b2)).add(a8.mul(b1)).add(a9.mul(b0));

    // Two carry chains side by side: 0 -> 1 -> .. -> 5 -> 6 and 5 -> 6 -> .. -> 9 -> 0 (times 19) -> 1.
    LongVector c = h0.lanewise(LSHR, 26), e = h5.lanewise(LSHR, 25);
    h0 = h0.and(M26);
    h5 = h5.and(M25);
    h1 = h1.add(c);
    h6 = h6.add(e);
    c = h1.lanewise(LSHR, 25);
    e = h6.lanewise(LSHR, 26);
    h1 = h1.and(M25);
    h6 = h6.and(M26);
    h2 = h2.add(c);
    h7 = h7.add(e);
    c = h2.lanewise(LSHR, 26);
    e = h7.lanewise(LSHR, 25);
    h2 = h2.and(M26);
    h7 = h7.and(M25);
    h3 = h3.add(c);
    h8 = h8.add(e);
    c = h3.lanewise(LSHR, 25);
    e = h8.lanewise(LSHR, 26);
    h3 = h3.and(M25);
    h8 = h8.and(M26);
    h4 = h4.add(c);
    h9 = h9.add(e);
    c = h4.lanewise(LSHR, 26);
    e = h9.lanewise(LSHR, 25);
    h4 = h4.and(M26);
    h9 = h9.and(M25);
    h5 = h5.add(c);
    h0 = h0.add(e.mul(19));
    c = h5.lanewise(LSHR, 25);
    e = h0.lanewise(LSHR, 26);
    h5 = h5.and(M25);
    h0 = h0.and(M26);
    h6 = h6.add(c);
    h1 = h1.add(e);
    h0.intoArray(out, 0);
    h1.intoArray(out, 4);
    h2.intoArray(out, 8);
    h3.intoArray(out, 12);
    h4.intoArray(out, 16);
    h5.intoArray(out, 20);
    h6.intoArray(out, 24);
    h7.intoArray(out, 28);
    h8.intoArray(out, 32);
    h9.intoArray(out, 36);
  }

  /** One thread's quads for {@link #ladder}. */
  static final class Scratch {
    final long[] state = new long[40], t = new long[40], l = new long[40], r = new long[40], q = new long[40];
    /** The last product's second factor without its lane 1: the number 1 in lanes 0 and 2, x1 in lane 3. */
    final long[] oneX1 = new long[40];
  }
}
