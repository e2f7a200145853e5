package io.portcullis.gateway.crypto;

import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import java.util.Arrays;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The X25519 Montgomery ladder (RFC 7748 §5, https://www.rfc-editor.org/rfc/rfc7748#section-5) with the four field
 * elements of its state side by side in 512-bit vectors, so that each step is three lane-wise multiplications instead
 * of nine field operations one after the other.
 *
 * <p>Field elements are in radix 2^25.5: ten limbs of 26 and 25 bits alternately, limb i at bit ceil(25.5 i). A "quad"
 * is four elements e0..e3 in five vectors of eight 64-bit lanes: vector t holds limb t of e0..e3 in lanes 0..3 and limb
 * t + 5 in lanes 4..7 (stored in a {@code long[40]}, vector t at {@code 8 t}). With that pairing every lane does
 * useful work, and the two carry chains a product needs (from limb 0 and from limb 5) run in the two halves of the same
 * instructions. The state is [x2, z2, x3, z3]. One step, with every product lane-wise:
 *
 * <pre>
 *   [A, B, C, D]      = [x2 + z2, x2 - z2, x3 + z3, x3 - z3]
 *   [AA, BB, DA, CB]  = [A, B, D, C] * [A, B, A, B]
 *   [X3, T, X2, F]    = [DA + CB, DA - CB, AA, E] * [DA + CB, DA - CB, BB, a24]      (E = AA - BB)
 *   [x2, z2, x3, z3]' = [X2, E, X3, T] * [1, AA + F, 1, x1]
 * </pre>
 *
 * The lane rearrangements are permutations by constant index vectors within each half; "x - z" lanes flip the bits of
 * z and add 2p + 1 (so limbs stay non-negative). The conditional swap of (x2, z2) with (x3, z3) is folded into the
 * index vectors that read the state (lane l becomes l ^ 2 under the swap bit): a register permutation whose timing does
 * not depend on the index; no branch or memory address depends on the scalar.
 *
 * <p>A product is the 10 x 10 schoolbook: column k of a * b sums a_i b_j over i + j = k (mod 10), doubled when i and
 * j are both odd, times 19 when i + j >= 10. Here column k is the lane-wise sum over t = 0..4 of [a_t | a_(t+5)] times
 * [b_(k-t) | b_(k-t-5)] (indexes mod 10 with those factors), so 50 lane-wise products give all 400, and the two halves
 * of column k's vector are added at the end. Operands have limbs below 3 * 2^26, columns stay below 2^63; outputs are
 * carried to below 2^26 + 2^13 (even limbs) and 2^25 + 2^17 (odd limbs). The scalar twin is {@link X25519}'s ladder
 * over {@link Field25519}; {@link X25519} picks once.
 *
 * <p>The whole ladder is one method and the product is written out three times, once per stage: the ladder is bound
 * by the latency of its chain of dependent operations, and C2 keeps vectors in registers only in straight-line code.
 * A product method that reads and writes arrays cost a store and a reload per operand and spilled every register
 * around each call (26.3k ladders/s in JMH); one product inside a loop over the stages, with the factors chosen by
 * branches, made C2 box the vectors at the merge (73 KB allocated per call, 20.6k/s); written out three times: 31.7k/s
 * and nothing allocated.
 */
final class VectorX25519 {
  private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_512;
  private static final long M26 = (1L << 26) - 1, M25 = (1L << 25) - 1;
  private static final long A24 = 121665;

  /** Lane selections within each half (indexes for {@code selectFrom}): lanes 0..3 named, lanes 4..7 the same + 4. */
  private static final long[] L0022 = index(0, 0, 2, 2), L1133 = index(1, 1, 3, 3), L0132 = index(0, 1, 3, 2);
  private static final long[] L0101 = index(0, 1, 0, 1), L2200 = index(2, 2, 0, 0), L3311 = index(3, 3, 1, 1);
  private static final long[] L1111 = index(1, 1, 1, 1), L2301 = index(2, 3, 0, 1), L2101 = index(2, 1, 0, 1);
  private static final long[] L3333 = index(3, 3, 3, 3), L2222 = index(2, 2, 2, 2);
  /** The two halves exchanged. */
  private static final long[] SWAP_HALVES = {4, 5, 6, 7, 0, 1, 2, 3};
  /** Two-source selection: the upper half of the first vector, then the lower half of the second. */
  private static final long[] CROSS = {4, 5, 6, 7, 8, 9, 10, 11};
  private static final VectorMask<Long> UPPER = VectorMask.fromLong(LONGS, 0xF0);
  /** Lane masks within each half: all ones in the lanes named. */
  private static final long[] LANES_1_3 = mask(0, -1, 0, -1), LANES_0_1_3 = mask(-1, -1, 0, -1);
  private static final long[] LANES_0_1 = mask(-1, -1, 0, 0), LANE_1 = mask(0, -1, 0, 0), LANE_2 = mask(0, 0, -1, 0);
  private static final long[] LANES_0_2_3 = mask(-1, 0, -1, -1);
  /** Carry shifts and masks for vectors with an even t (limbs 26 | 25 bits) and an odd t (25 | 26). */
  private static final long[] SHIFT_EVEN = split(26, 25), SHIFT_ODD = split(25, 26);
  private static final long[] MASK_EVEN = split(M26, M25), MASK_ODD = split(M25, M26);
  /** Left shifts that double the odd limbs: in the upper half for an even t, in the lower half for an odd t. */
  private static final long[] DOUBLE_EVEN = split(0, 1), DOUBLE_ODD = split(1, 0);
  /** Factors for the carry out of vector 4: limb 9 wraps into limb 0 times 19, limb 4 goes to limb 5. */
  private static final long[] WRAP = split(19, 1);
  /** b_(t+5) wraps into column t - 5 + 10 times 19: [1 | 19]. */
  private static final long[] TIMES_19_UPPER = split(1, 19);
  /**
   * Per vector, 2p + 1 in lanes 1 and 3 of both halves (limb t below, t + 5 above): with the other lanes' bits flipped
   * by {@link #LANES_1_3} first, adding it turns z into 2p - z there (~z + 1 = -z) and leaves lanes 0 and 2 alone.
   */
  private static final long[] TWO_P_PLUS_1_IN_1_3 = twoPPlusOne();
  /** a24 in lane 3 of limb 0, zero elsewhere. */
  private static final long[] A24_IN_3 = new long[40];

  static {
    A24_IN_3[3] = A24;
  }

  /** A lane selection applied to both halves: lanes 0..3 of each half come from lanes l0..l3 of the same half. */
  private static long[] index(long l0, long l1, long l2, long l3) {
    return new long[] {l0, l1, l2, l3, l0 + 4, l1 + 4, l2 + 4, l3 + 4};
  }

  /** The same four lane values in both halves. */
  private static long[] mask(long l0, long l1, long l2, long l3) {
    return new long[] {l0, l1, l2, l3, l0, l1, l2, l3};
  }

  private static long[] split(long lower, long upper) {
    return new long[] {lower, lower, lower, lower, upper, upper, upper, upper};
  }

  /** Limb i of 2p in radix 2^25.5. */
  private static long twoP(int limb) {
    return limb == 0 ? 2 * ((1L << 26) - 19) : (limb & 1) == 0 ? 2 * M26 : 2 * M25;
  }

  private static long[] twoPPlusOne() {
    long[] c = new long[40];
    for (int t = 0; t < 5; t++) {
      c[8 * t + 1] = c[8 * t + 3] = twoP(t) + 1;
      c[8 * t + 5] = c[8 * t + 7] = twoP(t + 5) + 1;
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

  /** Where limb {@code i} of lane {@code lane} lives in a quad's {@code long[40]}. */
  private static int at(int limb, int lane) {
    return limb < 5 ? 8 * limb + lane : 8 * (limb - 5) + 4 + lane;
  }

  /**
   * Runs the ladder over bits 254..0 of the clamped scalar {@code k} from the u-coordinate {@code x1} (radix 2^51, as
   * {@link Field25519}) and leaves x2 and z2 in {@code x2} and {@code z2} (radix 2^51, limbs below 2^52).
   */
  static void ladder(byte[] k, long[] x1, long[] x2, long[] z2, Scratch s) {
    long[] state = s.state, oneX1 = s.oneX1;
    Arrays.fill(state, 0);
    Arrays.fill(oneX1, 0);
    oneX1[at(0, 0)] = oneX1[at(0, 2)] = 1; // the number 1 in lanes 0 and 2
    for (int limb = 0; limb < 5; limb++) {
      long lo = x1[limb] & M26, hi = x1[limb] >>> 26;
      state[at(2 * limb, 2)] = lo; // x3 = x1
      state[at(2 * limb + 1, 2)] = hi;
      oneX1[at(2 * limb, 3)] = lo; // x1 in lane 3
      oneX1[at(2 * limb + 1, 3)] = hi;
    }
    state[at(0, 0)] = 1; // x2 = 1
    state[at(0, 3)] = 1; // z3 = 1
    // Lane selections and masks of the stages.
    LongVector lanes13 = LongVector.fromArray(LONGS, LANES_1_3, 0);
    LongVector lanes013 = LongVector.fromArray(LONGS, LANES_0_1_3, 0);
    LongVector lanes01 = LongVector.fromArray(LONGS, LANES_0_1, 0);
    LongVector lanes023 = LongVector.fromArray(LONGS, LANES_0_2_3, 0);
    LongVector lane1 = LongVector.fromArray(LONGS, LANE_1, 0);
    LongVector lane2 = LongVector.fromArray(LONGS, LANE_2, 0);
    LongVector i0022 = LongVector.fromArray(LONGS, L0022, 0), i1133 = LongVector.fromArray(LONGS, L1133, 0);
    LongVector i0132 = LongVector.fromArray(LONGS, L0132, 0), i0101 = LongVector.fromArray(LONGS, L0101, 0);
    LongVector i2200 = LongVector.fromArray(LONGS, L2200, 0), i3311 = LongVector.fromArray(LONGS, L3311, 0);
    LongVector i2101 = LongVector.fromArray(LONGS, L2101, 0), i3333 = LongVector.fromArray(LONGS, L3333, 0);
    LongVector i2222 = LongVector.fromArray(LONGS, L2222, 0), i1111 = LongVector.fromArray(LONGS, L1111, 0);
    LongVector fix0 = LongVector.fromArray(LONGS, TWO_P_PLUS_1_IN_1_3, 0);
    LongVector fix1 = LongVector.fromArray(LONGS, TWO_P_PLUS_1_IN_1_3, 8);
    LongVector fix2 = LongVector.fromArray(LONGS, TWO_P_PLUS_1_IN_1_3, 16);
    LongVector fix3 = LongVector.fromArray(LONGS, TWO_P_PLUS_1_IN_1_3, 24);
    LongVector fix4 = LongVector.fromArray(LONGS, TWO_P_PLUS_1_IN_1_3, 32);
    LongVector a24 = LongVector.fromArray(LONGS, A24_IN_3, 0);
    LongVector x1v0 = LongVector.fromArray(LONGS, oneX1, 0), x1v1 = LongVector.fromArray(LONGS, oneX1, 8);
    LongVector x1v2 = LongVector.fromArray(LONGS, oneX1, 16), x1v3 = LongVector.fromArray(LONGS, oneX1, 24);
    LongVector x1v4 = LongVector.fromArray(LONGS, oneX1, 32);
    // The product's constants.
    LongVector dblEven = LongVector.fromArray(LONGS, DOUBLE_EVEN, 0), dblOdd = LongVector.fromArray(LONGS, DOUBLE_ODD, 0);
    LongVector upper19 = LongVector.fromArray(LONGS, TIMES_19_UPPER, 0);
    LongVector swapHalves = LongVector.fromArray(LONGS, SWAP_HALVES, 0);
    LongVector cross = LongVector.fromArray(LONGS, CROSS, 0), wrap = LongVector.fromArray(LONGS, WRAP, 0);
    LongVector shEven = LongVector.fromArray(LONGS, SHIFT_EVEN, 0), shOdd = LongVector.fromArray(LONGS, SHIFT_ODD, 0);
    LongVector mEven = LongVector.fromArray(LONGS, MASK_EVEN, 0), mOdd = LongVector.fromArray(LONGS, MASK_ODD, 0);
    // h: the last product (at first the state [x2, z2, x3, z3]); k: the second product's first factor, for the third.
    LongVector h0 = LongVector.fromArray(LONGS, state, 0), h1 = LongVector.fromArray(LONGS, state, 8);
    LongVector h2 = LongVector.fromArray(LONGS, state, 16), h3 = LongVector.fromArray(LONGS, state, 24);
    LongVector h4 = LongVector.fromArray(LONGS, state, 32);
    LongVector k0, k1, k2, k3, k4;
    long swap = 0;
    for (int bit = 254; bit >= 0; bit--) {
      long b = (k[bit >>> 3] >>> (bit & 7)) & 1;
      swap ^= b;
      // The conditional swap of (x2, z2) with (x3, z3) is folded into the lane selections that read the state: lane
      // l becomes lane l ^ 2. vpermq's timing does not depend on its index register.
      LongVector flip = LongVector.broadcast(LONGS, 2 * swap);
      LongVector pickX = i0022.lanewise(XOR, flip), pickZ = i1133.lanewise(XOR, flip);
      swap = b;
      { // [AA, BB, DA, CB]
        LongVector a0, a1, a2, a3, a4, w0, w1, w2, w3, w4;
        // h = [x2, z2, x3, z3] (the swap folded into pickX and pickZ):
        // [x2, x2, x3, x3] + [z2, 2p - z2, z3, 2p - z3] = [A, B, C, D]; a = [A, B, D, C], w = [A, B, A, B]
        LongVector c0 = pickX.selectFrom(h0).add(pickZ.selectFrom(h0).lanewise(XOR, lanes13).add(fix0));
        LongVector c1 = pickX.selectFrom(h1).add(pickZ.selectFrom(h1).lanewise(XOR, lanes13).add(fix1));
        LongVector c2 = pickX.selectFrom(h2).add(pickZ.selectFrom(h2).lanewise(XOR, lanes13).add(fix2));
        LongVector c3 = pickX.selectFrom(h3).add(pickZ.selectFrom(h3).lanewise(XOR, lanes13).add(fix3));
        LongVector c4 = pickX.selectFrom(h4).add(pickZ.selectFrom(h4).lanewise(XOR, lanes13).add(fix4));
        a0 = i0132.selectFrom(c0);
        a1 = i0132.selectFrom(c1);
        a2 = i0132.selectFrom(c2);
        a3 = i0132.selectFrom(c3);
        a4 = i0132.selectFrom(c4);
        w0 = i0101.selectFrom(c0);
        w1 = i0101.selectFrom(c1);
        w2 = i0101.selectFrom(c2);
        w3 = i0101.selectFrom(c3);
        w4 = i0101.selectFrom(c4);
        // The product h = a * w, lane by lane (written out in each stage, see the class comment). Odd limbs of a doubled
        // for the even columns, where odd x odd products land; p_j = [w_j | w_(j-5)] for j = -4..9 (indexes mod 10, times
        // 19 where they wrapped); column k = sum over t of a_t (or d_t) * p_(k-t), its two halves added into vector k mod 5.
        LongVector d0 = a0.lanewise(LSHL, dblEven), d1 = a1.lanewise(LSHL, dblOdd), d2 = a2.lanewise(LSHL, dblEven);
        LongVector d3 = a3.lanewise(LSHL, dblOdd), d4 = a4.lanewise(LSHL, dblEven);
        LongVector p0 = w0.mul(upper19), p1 = w1.mul(upper19), p2 = w2.mul(upper19), p3 = w3.mul(upper19);
        LongVector p4 = w4.mul(upper19);
        LongVector p5 = swapHalves.selectFrom(w0), p6 = swapHalves.selectFrom(w1), p7 = swapHalves.selectFrom(w2);
        LongVector p8 = swapHalves.selectFrom(w3), p9 = swapHalves.selectFrom(w4);
        LongVector m1 = p9.mul(19), m2 = p8.mul(19), m3 = p7.mul(19), m4 = p6.mul(19); // p_-1 .. p_-4
        LongVector s0 = d0.mul(p0).add(d1.mul(m1)).add(d2.mul(m2).add(d3.mul(m3))).add(d4.mul(m4));
        LongVector s1 = a0.mul(p1).add(a1.mul(p0)).add(a2.mul(m1).add(a3.mul(m2))).add(a4.mul(m3));
        LongVector s2 = d0.mul(p2).add(d1.mul(p1)).add(d2.mul(p0).add(d3.mul(m1))).add(d4.mul(m2));
        LongVector s3 = a0.mul(p3).add(a1.mul(p2)).add(a2.mul(p1).add(a3.mul(p0))).add(a4.mul(m1));
        LongVector s4 = d0.mul(p4).add(d1.mul(p3)).add(d2.mul(p2).add(d3.mul(p1))).add(d4.mul(p0));
        LongVector s5 = a0.mul(p5).add(a1.mul(p4)).add(a2.mul(p3).add(a3.mul(p2))).add(a4.mul(p1));
        LongVector s6 = d0.mul(p6).add(d1.mul(p5)).add(d2.mul(p4).add(d3.mul(p3))).add(d4.mul(p2));
        LongVector s7 = a0.mul(p7).add(a1.mul(p6)).add(a2.mul(p5).add(a3.mul(p4))).add(a4.mul(p3));
        LongVector s8 = d0.mul(p8).add(d1.mul(p7)).add(d2.mul(p6).add(d3.mul(p5))).add(d4.mul(p4));
        LongVector s9 = a0.mul(p9).add(a1.mul(p8)).add(a2.mul(p7).add(a3.mul(p6))).add(a4.mul(p5));
        h0 = s0.blend(s5, UPPER).add(cross.selectFrom(s0, s5));
        h1 = s1.blend(s6, UPPER).add(cross.selectFrom(s1, s6));
        h2 = s2.blend(s7, UPPER).add(cross.selectFrom(s2, s7));
        h3 = s3.blend(s8, UPPER).add(cross.selectFrom(s3, s8));
        h4 = s4.blend(s9, UPPER).add(cross.selectFrom(s4, s9));
        // Carry 0 -> 1 -> .. -> 5 -> 6 and 5 -> 6 -> .. -> 9 -> 0 (times 19) -> 1: both chains in the two halves at once.
        LongVector c = h0.lanewise(LSHR, shEven);
        h0 = h0.and(mEven);
        h1 = h1.add(c);
        c = h1.lanewise(LSHR, shOdd);
        h1 = h1.and(mOdd);
        h2 = h2.add(c);
        c = h2.lanewise(LSHR, shEven);
        h2 = h2.and(mEven);
        h3 = h3.add(c);
        c = h3.lanewise(LSHR, shOdd);
        h3 = h3.and(mOdd);
        h4 = h4.add(c);
        c = h4.lanewise(LSHR, shEven);
        h4 = h4.and(mEven);
        h0 = h0.add(swapHalves.selectFrom(c).mul(wrap));
        c = h0.lanewise(LSHR, shEven);
        h0 = h0.and(mEven);
        h1 = h1.add(c);
      }
      { // [X3, T, X2, F]
        LongVector a0, a1, a2, a3, a4, w0, w1, w2, w3, w4;
        // h = [AA, BB, DA, CB]: [DA, DA, AA, AA] + [CB, 2p - CB, 0, 2p - BB] = [DA + CB, DA - CB, AA, E] = a, kept in k for
        // the third product; w = [DA + CB, DA - CB, BB, a24]
        k0 = i2200.selectFrom(h0).add(i3311.selectFrom(h0).lanewise(XOR, lanes13).and(lanes013).add(fix0));
        k1 = i2200.selectFrom(h1).add(i3311.selectFrom(h1).lanewise(XOR, lanes13).and(lanes013).add(fix1));
        k2 = i2200.selectFrom(h2).add(i3311.selectFrom(h2).lanewise(XOR, lanes13).and(lanes013).add(fix2));
        k3 = i2200.selectFrom(h3).add(i3311.selectFrom(h3).lanewise(XOR, lanes13).and(lanes013).add(fix3));
        k4 = i2200.selectFrom(h4).add(i3311.selectFrom(h4).lanewise(XOR, lanes13).and(lanes013).add(fix4));
        a0 = k0;
        a1 = k1;
        a2 = k2;
        a3 = k3;
        a4 = k4;
        w0 = k0.and(lanes01).or(i1111.selectFrom(h0).and(lane2)).add(a24);
        w1 = k1.and(lanes01).or(i1111.selectFrom(h1).and(lane2));
        w2 = k2.and(lanes01).or(i1111.selectFrom(h2).and(lane2));
        w3 = k3.and(lanes01).or(i1111.selectFrom(h3).and(lane2));
        w4 = k4.and(lanes01).or(i1111.selectFrom(h4).and(lane2));
        // The product h = a * w, lane by lane (written out in each stage, see the class comment). Odd limbs of a doubled
        // for the even columns, where odd x odd products land; p_j = [w_j | w_(j-5)] for j = -4..9 (indexes mod 10, times
        // 19 where they wrapped); column k = sum over t of a_t (or d_t) * p_(k-t), its two halves added into vector k mod 5.
        LongVector d0 = a0.lanewise(LSHL, dblEven), d1 = a1.lanewise(LSHL, dblOdd), d2 = a2.lanewise(LSHL, dblEven);
        LongVector d3 = a3.lanewise(LSHL, dblOdd), d4 = a4.lanewise(LSHL, dblEven);
        LongVector p0 = w0.mul(upper19), p1 = w1.mul(upper19), p2 = w2.mul(upper19), p3 = w3.mul(upper19);
        LongVector p4 = w4.mul(upper19);
        LongVector p5 = swapHalves.selectFrom(w0), p6 = swapHalves.selectFrom(w1), p7 = swapHalves.selectFrom(w2);
        LongVector p8 = swapHalves.selectFrom(w3), p9 = swapHalves.selectFrom(w4);
        LongVector m1 = p9.mul(19), m2 = p8.mul(19), m3 = p7.mul(19), m4 = p6.mul(19); // p_-1 .. p_-4
        LongVector s0 = d0.mul(p0).add(d1.mul(m1)).add(d2.mul(m2).add(d3.mul(m3))).add(d4.mul(m4));
        LongVector s1 = a0.mul(p1).add(a1.mul(p0)).add(a2.mul(m1).add(a3.mul(m2))).add(a4.mul(m3));
        LongVector s2 = d0.mul(p2).add(d1.mul(p1)).add(d2.mul(p0).add(d3.mul(m1))).add(d4.mul(m2));
        LongVector s3 = a0.mul(p3).add(a1.mul(p2)).add(a2.mul(p1).add(a3.mul(p0))).add(a4.mul(m1));
        LongVector s4 = d0.mul(p4).add(d1.mul(p3)).add(d2.mul(p2).add(d3.mul(p1))).add(d4.mul(p0));
        LongVector s5 = a0.mul(p5).add(a1.mul(p4)).add(a2.mul(p3).add(a3.mul(p2))).add(a4.mul(p1));
        LongVector s6 = d0.mul(p6).add(d1.mul(p5)).add(d2.mul(p4).add(d3.mul(p3))).add(d4.mul(p2));
        LongVector s7 = a0.mul(p7).add(a1.mul(p6)).add(a2.mul(p5).add(a3.mul(p4))).add(a4.mul(p3));
        LongVector s8 = d0.mul(p8).add(d1.mul(p7)).add(d2.mul(p6).add(d3.mul(p5))).add(d4.mul(p4));
        LongVector s9 = a0.mul(p9).add(a1.mul(p8)).add(a2.mul(p7).add(a3.mul(p6))).add(a4.mul(p5));
        h0 = s0.blend(s5, UPPER).add(cross.selectFrom(s0, s5));
        h1 = s1.blend(s6, UPPER).add(cross.selectFrom(s1, s6));
        h2 = s2.blend(s7, UPPER).add(cross.selectFrom(s2, s7));
        h3 = s3.blend(s8, UPPER).add(cross.selectFrom(s3, s8));
        h4 = s4.blend(s9, UPPER).add(cross.selectFrom(s4, s9));
        // Carry 0 -> 1 -> .. -> 5 -> 6 and 5 -> 6 -> .. -> 9 -> 0 (times 19) -> 1: both chains in the two halves at once.
        LongVector c = h0.lanewise(LSHR, shEven);
        h0 = h0.and(mEven);
        h1 = h1.add(c);
        c = h1.lanewise(LSHR, shOdd);
        h1 = h1.and(mOdd);
        h2 = h2.add(c);
        c = h2.lanewise(LSHR, shEven);
        h2 = h2.and(mEven);
        h3 = h3.add(c);
        c = h3.lanewise(LSHR, shOdd);
        h3 = h3.and(mOdd);
        h4 = h4.add(c);
        c = h4.lanewise(LSHR, shEven);
        h4 = h4.and(mEven);
        h0 = h0.add(swapHalves.selectFrom(c).mul(wrap));
        c = h0.lanewise(LSHR, shEven);
        h0 = h0.and(mEven);
        h1 = h1.add(c);
      }
      { // [x2, z2, x3, z3] of the next step
        LongVector a0, a1, a2, a3, a4, w0, w1, w2, w3, w4;
        // h = [X3, T, X2, F], k = [DA + CB, DA - CB, AA, E]: a = [X2, E, X3, T], w = [1, AA + F, 1, x1]
        a0 = i2101.selectFrom(h0).and(lanes023).or(i3333.selectFrom(k0).and(lane1));
        a1 = i2101.selectFrom(h1).and(lanes023).or(i3333.selectFrom(k1).and(lane1));
        a2 = i2101.selectFrom(h2).and(lanes023).or(i3333.selectFrom(k2).and(lane1));
        a3 = i2101.selectFrom(h3).and(lanes023).or(i3333.selectFrom(k3).and(lane1));
        a4 = i2101.selectFrom(h4).and(lanes023).or(i3333.selectFrom(k4).and(lane1));
        w0 = i2222.selectFrom(k0).add(i3333.selectFrom(h0)).and(lane1).or(x1v0);
        w1 = i2222.selectFrom(k1).add(i3333.selectFrom(h1)).and(lane1).or(x1v1);
        w2 = i2222.selectFrom(k2).add(i3333.selectFrom(h2)).and(lane1).or(x1v2);
        w3 = i2222.selectFrom(k3).add(i3333.selectFrom(h3)).and(lane1).or(x1v3);
        w4 = i2222.selectFrom(k4).add(i3333.selectFrom(h4)).and(lane1).or(x1v4);
        // The product h = a * w, lane by lane (written out in each stage, see the class comment). Odd limbs of a doubled
        // for the even columns, where odd x odd products land; p_j = [w_j | w_(j-5)] for j = -4..9 (indexes mod 10, times
        // 19 where they wrapped); column k = sum over t of a_t (or d_t) * p_(k-t), its two halves added into vector k mod 5.
        LongVector d0 = a0.lanewise(LSHL, dblEven), d1 = a1.lanewise(LSHL, dblOdd), d2 = a2.lanewise(LSHL, dblEven);
        LongVector d3 = a3.lanewise(LSHL, dblOdd), d4 = a4.lanewise(LSHL, dblEven);
        LongVector p0 = w0.mul(upper19), p1 = w1.mul(upper19), p2 = w2.mul(upper19), p3 = w3.mul(upper19);
        LongVector p4 = w4.mul(upper19);
        LongVector p5 = swapHalves.selectFrom(w0), p6 = swapHalves.selectFrom(w1), p7 = swapHalves.selectFrom(w2);
        LongVector p8 = swapHalves.selectFrom(w3), p9 = swapHalves.selectFrom(w4);
        LongVector m1 = p9.mul(19), m2 = p8.mul(19), m3 = p7.mul(19), m4 = p6.mul(19); // p_-1 .. p_-4
        LongVector s0 = d0.mul(p0).add(d1.mul(m1)).add(d2.mul(m2).add(d3.mul(m3))).add(d4.mul(m4));
        LongVector s1 = a0.mul(p1).add(a1.mul(p0)).add(a2.mul(m1).add(a3.mul(m2))).add(a4.mul(m3));
        LongVector s2 = d0.mul(p2).add(d1.mul(p1)).add(d2.mul(p0).add(d3.mul(m1))).add(d4.mul(m2));
        LongVector s3 = a0.mul(p3).add(a1.mul(p2)).add(a2.mul(p1).add(a3.mul(p0))).add(a4.mul(m1));
        LongVector s4 = d0.mul(p4).add(d1.mul(p3)).add(d2.mul(p2).add(d3.mul(p1))).add(d4.mul(p0));
        LongVector s5 = a0.mul(p5).add(a1.mul(p4)).add(a2.mul(p3).add(a3.mul(p2))).add(a4.mul(p1));
        LongVector s6 = d0.mul(p6).add(d1.mul(p5)).add(d2.mul(p4).add(d3.mul(p3))).add(d4.mul(p2));
        LongVector s7 = a0.mul(p7).add(a1.mul(p6)).add(a2.mul(p5).add(a3.mul(p4))).add(a4.mul(p3));
        LongVector s8 = d0.mul(p8).add(d1.mul(p7)).add(d2.mul(p6).add(d3.mul(p5))).add(d4.mul(p4));
        LongVector s9 = a0.mul(p9).add(a1.mul(p8)).add(a2.mul(p7).add(a3.mul(p6))).add(a4.mul(p5));
        h0 = s0.blend(s5, UPPER).add(cross.selectFrom(s0, s5));
        h1 = s1.blend(s6, UPPER).add(cross.selectFrom(s1, s6));
        h2 = s2.blend(s7, UPPER).add(cross.selectFrom(s2, s7));
        h3 = s3.blend(s8, UPPER).add(cross.selectFrom(s3, s8));
        h4 = s4.blend(s9, UPPER).add(cross.selectFrom(s4, s9));
        // Carry 0 -> 1 -> .. -> 5 -> 6 and 5 -> 6 -> .. -> 9 -> 0 (times 19) -> 1: both chains in the two halves at once.
        LongVector c = h0.lanewise(LSHR, shEven);
        h0 = h0.and(mEven);
        h1 = h1.add(c);
        c = h1.lanewise(LSHR, shOdd);
        h1 = h1.and(mOdd);
        h2 = h2.add(c);
        c = h2.lanewise(LSHR, shEven);
        h2 = h2.and(mEven);
        h3 = h3.add(c);
        c = h3.lanewise(LSHR, shOdd);
        h3 = h3.and(mOdd);
        h4 = h4.add(c);
        c = h4.lanewise(LSHR, shEven);
        h4 = h4.and(mEven);
        h0 = h0.add(swapHalves.selectFrom(c).mul(wrap));
        c = h0.lanewise(LSHR, shEven);
        h0 = h0.and(mEven);
        h1 = h1.add(c);
      }
    }
    h0.intoArray(state, 0);
    h1.intoArray(state, 8);
    h2.intoArray(state, 16);
    h3.intoArray(state, 24);
    h4.intoArray(state, 32);
    // The last swap, by the last bit (always 0 for a clamped scalar; kept so the ladder is RFC 7748's for any scalar).
    LongVector last = LongVector.broadcast(LONGS, -swap);
    LongVector swapPairs = LongVector.fromArray(LONGS, L2301, 0);
    for (int v = 0; v < 40; v += 8) {
      LongVector x = LongVector.fromArray(LONGS, state, v);
      x.lanewise(XOR, x.lanewise(XOR, swapPairs.selectFrom(x)).and(last)).intoArray(state, v);
    }
    for (int limb = 0; limb < 5; limb++) {
      x2[limb] = state[at(2 * limb, 0)] + (state[at(2 * limb + 1, 0)] << 26);
      z2[limb] = state[at(2 * limb, 1)] + (state[at(2 * limb + 1, 1)] << 26);
    }
  }

  /** One thread's quads for {@link #ladder}. */
  static final class Scratch {
    final long[] state = new long[40];
    /** The last product's second factor without its lane 1: the number 1 in lanes 0 and 2, x1 in lane 3. */
    final long[] oneX1 = new long[40];
  }
}
