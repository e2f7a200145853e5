package io.portcullis.gateway.crypto;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;

import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Poly1305's block loop for long messages, eight blocks at a time in the eight 64-bit lanes of 512-bit vectors
 * (radix 2^26, as {@link Poly1305}).
 *
 * <p>Lane j accumulates blocks j, j + 8, j + 16, ... of a run of 8k blocks: every step multiplies all lanes by r^8
 * and adds the next eight blocks, the last step multiplies lane j by r^(8-j) instead, and the lanes are summed. That is
 * the same polynomial as the block-by-block Horner rule: block i of n is multiplied by r^(n-i+1). The incoming
 * accumulator enters in lane 0. Every multiplication is 25 lane-wise 64-bit products (limbs below 2^27 times limbs or
 * five-fold limbs below 2^29, so each product is below 2^56), which AVX-512DQ does natively ({@code vpmullq}); columns
 * stay below 2^61, so no carry is lost, and nothing depends on the data. Used by {@link Poly1305} when {@link
 * #unavailabilityCause()} is null; {@code Poly1305}'s scalar loop is the twin it is tested against.
 */
final class VectorPoly1305 {
  private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_512;
  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_512;
  /** Blocks per step: one per lane. */
  static final int LANES = 8;
  private static final long M26 = (1L << 26) - 1;
  /** All ones in lane 0, zero elsewhere: puts the incoming accumulator into lane 0. */
  private static final long[] LANE0 = {-1, 0, 0, 0, 0, 0, 0, 0};

  /** Index vectors picking the low (even) and high (odd) 64-bit words of eight blocks out of two 64-byte loads. */
  private static final long[] EVEN = {0, 2, 4, 6, 8, 10, 12, 14}, ODD = {1, 3, 5, 7, 9, 11, 13, 15};

  private VectorPoly1305() {}

  /**
   * Null when this loop can run here; otherwise why not. Needs 512-bit vectors (eight 64-bit lanes that are real
   * registers: on AVX2, 64-bit lane multiplies are emulated) and agreement with the scalar loop on a 40-block message.
   */
  static String unavailabilityCause() {
    int bits = LongVector.SPECIES_PREFERRED.vectorBitSize();
    if (bits < LONGS.vectorBitSize()) {
      return "preferred vector width is " + bits + " bits, below the " + LONGS.vectorBitSize() + " this loop needs";
    }
    byte[] key = new byte[32];
    byte[] msg = new byte[40 * Poly1305.BLOCK_LENGTH];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (0xa5 ^ 37 * i);
    }
    Arrays.fill(msg, (byte) 0xff);
    byte[] a = new byte[16];
    byte[] b = new byte[16];
    Poly1305 scalar = new Poly1305(false);
    scalar.init(key, 0);
    scalar.update(msg, 0, msg.length);
    scalar.finish(a, 0);
    Poly1305 vector = new Poly1305(true);
    vector.init(key, 0);
    vector.update(msg, 0, msg.length);
    vector.finish(b, 0);
    return Arrays.equals(a, b) ? null : "vector Poly1305 self-test disagreed with the scalar loop";
  }

  /**
   * Absorbs {@code steps * 8} blocks at {@code m[off..]} into {@code p}'s accumulator; {@code p.r8},
   * {@code p.lanePowers} and {@code p.lowHalfTimesR4} must be set.
   */
  static void blocks(Poly1305 p, byte[] m, int off, int steps, long hibit) {
    LongVector even = LongVector.fromArray(LONGS, EVEN, 0);
    LongVector odd = LongVector.fromArray(LONGS, ODD, 0);
    long[] r8 = p.r8;
    LongVector r0 = LongVector.broadcast(LONGS, r8[0]), r1 = LongVector.broadcast(LONGS, r8[1]);
    LongVector r2 = LongVector.broadcast(LONGS, r8[2]), r3 = LongVector.broadcast(LONGS, r8[3]);
    LongVector r4 = LongVector.broadcast(LONGS, r8[4]);
    LongVector s1 = r1.mul(5), s2 = r2.mul(5), s3 = r3.mul(5), s4 = r4.mul(5);

    LongVector first = LongVector.fromArray(LONGS, LANE0, 0);
    LongVector h0 = LongVector.broadcast(LONGS, p.h0).and(first);
    LongVector h1 = LongVector.broadcast(LONGS, p.h1).and(first);
    LongVector h2 = LongVector.broadcast(LONGS, p.h2).and(first);
    LongVector h3 = LongVector.broadcast(LONGS, p.h3).and(first);
    LongVector h4 = LongVector.broadcast(LONGS, p.h4).and(first);

    LongVector hi = LongVector.broadcast(LONGS, hibit);
    for (int step = 0; ; step++, off += LANES * Poly1305.BLOCK_LENGTH) {
      LongVector a = ByteVector.fromArray(BYTES, m, off).reinterpretAsLongs();
      LongVector b = ByteVector.fromArray(BYTES, m, off + 64).reinterpretAsLongs();
      LongVector lo = even.selectFrom(a, b);
      LongVector up = odd.selectFrom(a, b);
      h0 = h0.add(lo.and(M26));
      h1 = h1.add(lo.lanewise(LSHR, 26).and(M26));
      h2 = h2.add(lo.lanewise(LSHR, 52)
          .or(up.lanewise(LSHL, 12)).and(M26));
      h3 = h3.add(up.lanewise(LSHR, 14).and(M26));
      h4 = h4.add(up.lanewise(LSHR, 40).or(hi));
      if (step == steps - 1) {
        break;
      }
      // h * r^8 in every lane; the five products of a column are summed as a tree to shorten the chain.
      LongVector d0 = h0.mul(r0).add(h1.mul(s4)).add(h2.mul(s3).add(h3.mul(s2))).add(h4.mul(s1));
      LongVector d1 = h0.mul(r1).add(h1.mul(r0)).add(h2.mul(s4).add(h3.mul(s3))).add(h4.mul(s2));
      LongVector d2 = h0.mul(r2).add(h1.mul(r1)).add(h2.mul(r0).add(h3.mul(s4))).add(h4.mul(s3));
      LongVector d3 = h0.mul(r3).add(h1.mul(r2)).add(h2.mul(r1).add(h3.mul(r0))).add(h4.mul(s4));
      LongVector d4 = h0.mul(r4).add(h1.mul(r3)).add(h2.mul(r2).add(h3.mul(r1))).add(h4.mul(r0));
      // Two carry chains side by side (0 -> 1 -> 2 -> 3 -> 4 and 3 -> 4 -> 0 -> 1): limbs end below 2^26 + 2^12.
      LongVector c = d0.lanewise(LSHR, 26), e = d3.lanewise(LSHR, 26);
      d0 = d0.and(M26);
      d3 = d3.and(M26);
      d1 = d1.add(c);
      d4 = d4.add(e);
      c = d1.lanewise(LSHR, 26);
      e = d4.lanewise(LSHR, 26);
      h1 = d1.and(M26);
      h4 = d4.and(M26);
      d2 = d2.add(c);
      d0 = d0.add(e).add(e.lanewise(LSHL, 2));
      c = d2.lanewise(LSHR, 26);
      e = d0.lanewise(LSHR, 26);
      h2 = d2.and(M26);
      h0 = d0.and(M26);
      h3 = d3.add(c);
      h1 = h1.add(e);
      c = h3.lanewise(LSHR, 26);
      h3 = h3.and(M26);
      h4 = h4.add(c);
    }
    // The last step: lane j times r^(8-j), as lanes times [r^4, r^3, r^2, r, r^4, r^3, r^2, r], then times [r^4 (four
    // lanes), 1 (four lanes)]. That needs r^2..r^4 and r^8 only, four products per key instead of seven.
    long[][] lp = p.lanePowers;
    for (int round = 0; round < 2; round++, lp = p.lowHalfTimesR4) {
      LongVector q0 = LongVector.fromArray(LONGS, lp[0], 0), q1 = LongVector.fromArray(LONGS, lp[1], 0);
      LongVector q2 = LongVector.fromArray(LONGS, lp[2], 0), q3 = LongVector.fromArray(LONGS, lp[3], 0);
      LongVector q4 = LongVector.fromArray(LONGS, lp[4], 0);
      LongVector t1 = q1.mul(5), t2 = q2.mul(5), t3 = q3.mul(5), t4 = q4.mul(5);
      LongVector d0 = h0.mul(q0).add(h1.mul(t4)).add(h2.mul(t3).add(h3.mul(t2))).add(h4.mul(t1));
      LongVector d1 = h0.mul(q1).add(h1.mul(q0)).add(h2.mul(t4).add(h3.mul(t3))).add(h4.mul(t2));
      LongVector d2 = h0.mul(q2).add(h1.mul(q1)).add(h2.mul(q0).add(h3.mul(t4))).add(h4.mul(t3));
      LongVector d3 = h0.mul(q3).add(h1.mul(q2)).add(h2.mul(q1).add(h3.mul(q0))).add(h4.mul(t4));
      LongVector d4 = h0.mul(q4).add(h1.mul(q3)).add(h2.mul(q2).add(h3.mul(q1))).add(h4.mul(q0));
      // Carried as in the loop: limbs below 2^26 + 2^12, so the lane sums below stay under 2^30.
      LongVector c = d0.lanewise(LSHR, 26), e = d3.lanewise(LSHR, 26);
      d0 = d0.and(M26);
      d3 = d3.and(M26);
      d1 = d1.add(c);
      d4 = d4.add(e);
      c = d1.lanewise(LSHR, 26);
      e = d4.lanewise(LSHR, 26);
      h1 = d1.and(M26);
      h4 = d4.and(M26);
      d2 = d2.add(c);
      d0 = d0.add(e).add(e.lanewise(LSHL, 2));
      c = d2.lanewise(LSHR, 26);
      e = d0.lanewise(LSHR, 26);
      h2 = d2.and(M26);
      h0 = d0.and(M26);
      h3 = d3.add(c);
      h1 = h1.add(e);
      c = h3.lanewise(LSHR, 26);
      h3 = h3.and(M26);
      h4 = h4.add(c);
    }
    p.absorbLaneSums(h0.reduceLanes(ADD), h1.reduceLanes(ADD), h2.reduceLanes(ADD), h3.reduceLanes(ADD),
        h4.reduceLanes(ADD));
  }
}
