package io.portcullis.gateway.crypto;

import static jdk.incubator.vector.VectorOperators.ROL;
import static jdk.incubator.vector.VectorOperators.XOR;

import java.util.Arrays;
import java.util.Objects;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * ChaCha20 sixteen or thirty-two blocks at a time with the Vector API: lane i of vector k holds word k of block {@code
 * counter + i} (the "vertical" layout), so the 20 rounds are plain lane-wise adds, XORs and rotations.
 *
 * <p>The width is fixed when the class initialises: 512-bit vectors (sixteen blocks per set of sixteen vectors) where
 * the preferred species is that wide (AVX-512), else 256-bit ones (eight blocks). A pass runs two such sets side by
 * side (2 KiB of keystream with 512-bit vectors): the rounds are a chain of dependent instructions, and a second
 * independent set fills the processor's waits almost for free. Pipeline per pass: broadcast the state with the counter
 * spread over the lanes, 10 double rounds on both sets, add the input state, transpose each set's sixteen vectors
 * into blocks with two-vector permutations and store them in stream order to a per-thread {@code int[32 * LANES]}, then
 * XOR that into the input one vector at a time. A short last pass runs the same rounds and uses only the keystream it
 * needs. {@link #polyKey} computes the first pass (blocks 0 .. 2 LANES-1) and keeps it, so the AEAD's following {@code
 * xor} from block 1 (same key and nonce, same thread) starts with that keystream already computed: a WireGuard packet
 * of up to 1984 bytes needs one pass. The scalar twin is {@link ScalarChaCha20}; {@link ChaCha20} chooses between them
 * once.
 */
final class VectorChaCha20 implements ChaCha20Engine {
  /**
   * 512 bits where the preferred species is at least that wide, else 256. A static final, so C2 sees a constant
   * species (the Vector API is only fast then).
   */
  private static final VectorSpecies<Integer> INTS =
      IntVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? IntVector.SPECIES_512 : IntVector.SPECIES_256;
  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED.vectorBitSize() >= 512
      ? ByteVector.SPECIES_512 : ByteVector.SPECIES_256;
  /** Blocks per set of sixteen vectors: one per int lane (8 or 16); a pass is two sets. */
  static final int LANES = INTS.length();
  private static final int PASS_LENGTH = 2 * LANES * ChaCha20.BLOCK_LENGTH;
  /** Bytes XORed per vector: one vector of keystream words. */
  private static final int CHUNK = 4 * LANES;

  /** Lane offsets added to the block counter: block i of a pass is counter + i. */
  private static final int[] LANE_INDEX = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

  /**
   * Index vectors for the transposition in {@link #compute}: rows 2k and 2k + 1 give the new first and second vector of
   * a pair (i, i + 2^k) in stage k, as indexes into the pair (0 .. LANES-1 first, LANES .. 2 LANES-1 second).
   */
  private static final int[][] TRANSPOSE = transposeIndexes();

  private static final ThreadLocal<Pass> PASS = ThreadLocal.withInitial(Pass::new);

  private static int[][] transposeIndexes() {
    int[][] rows = new int[8][LANES];
    for (int k = 0; k < 4; k++) {
      int bit = 1 << k;
      for (int l = 0; l < LANES; l++) {
        boolean set = (l & bit) != 0;
        rows[2 * k][l] = set ? LANES + (l & ~bit) : l;
        rows[2 * k + 1][l] = set ? LANES + l : l | bit;
      }
    }
    return rows;
  }

  /**
   * Null when this engine can run here; otherwise why not. Checks the preferred vector width (at least 256 bits, so
   * 8-lane int vectors are real registers rather than emulation) and compares 2000 bytes of output (several passes
   * and a partial one) with the scalar engine, once.
   */
  static String unavailabilityCause() {
    int bits = IntVector.SPECIES_PREFERRED.vectorBitSize();
    if (bits < 256) {
      return "preferred vector width is " + bits + " bits, below the 256 this engine needs";
    }
    int[] key = {1, 2, 3, 4, 5, 6, 7, 0x80000000};
    byte[] in = new byte[2000];
    Arrays.fill(in, (byte) 0x3c);
    byte[] a = new byte[2000];
    byte[] b = new byte[2000];
    new ScalarChaCha20().xor(key, -3, 9, 10, 11, in, 0, a, 0, in.length);
    new VectorChaCha20().xor(key, -3, 9, 10, 11, in, 0, b, 0, in.length);
    return Arrays.equals(a, b) ? null : "vector self-test disagreed with the scalar engine";
  }

  @Override
  public String name() {
    return "vector-" + INTS.vectorBitSize();
  }

  @Override
  public void polyKey(int[] key, int n0, int n1, int n2, int[] out) {
    Pass pass = PASS.get();
    compute(pass.ks, pass.words, key, 0, n0, n1, n2);
    System.arraycopy(pass.ks, 0, out, 0, 8);
    System.arraycopy(key, 0, pass.key, 0, 8);
    pass.n0 = n0;
    pass.n1 = n1;
    pass.n2 = n2;
    pass.holdsFirstPass = true;
  }

  @Override
  public void xor(int[] key, int counter, int n0, int n1, int n2, byte[] in, int inOff, byte[] out, int outOff,
      int len) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, len, out.length);
    Pass pass = PASS.get();
    int[] ks = pass.ks;
    int pos = 0;
    if (counter == 1 && pass.holds(key, n0, n1, n2)) {
      // The AEAD's polyKey just computed blocks 0 .. 2 LANES-1: blocks 1 .. 2 LANES-1 start the keystream here.
      pos = xorPass(ks, ChaCha20.BLOCK_LENGTH, in, inOff, out, outOff, 0, len);
      counter = 2 * LANES;
    }
    pass.holdsFirstPass = false;
    for (; pos < len; counter += 2 * LANES) {
      compute(ks, pass.words, key, counter, n0, n1, n2);
      pos = xorPass(ks, 0, in, inOff, out, outOff, pos, len);
    }
  }

  /**
   * XORs keystream bytes {@code skip..PASS_LENGTH} of one pass into the data from {@code pos}, up to {@code len};
   * returns the new position. {@code skip} is a multiple of {@link #CHUNK}.
   */
  private static int xorPass(int[] ks, int skip, byte[] in, int inOff, byte[] out, int outOff, int pos, int len) {
    int n = Math.min(len - pos, PASS_LENGTH - skip);
    int chunks = n / CHUNK;
    int first = skip / 4;
    for (int c = 0; c < chunks; c++) {
      int at = pos + c * CHUNK;
      IntVector stream = IntVector.fromArray(INTS, ks, first + c * LANES);
      ByteVector.fromArray(BYTES, in, inOff + at)
          .lanewise(XOR, stream.reinterpretAsBytes())
          .intoArray(out, outOff + at);
    }
    int rest = n - chunks * CHUNK;
    if (rest > 0) {
      // The tail below one vector under a lane mask (masked loads and stores on AVX-512). The keystream vector read
      // here lies inside the pass: skip and PASS_LENGTH are multiples of CHUNK and the tail ends before PASS_LENGTH.
      int at = pos + chunks * CHUNK;
      VectorMask<Byte> lanes = BYTES.indexInRange(0, rest);
      IntVector stream = IntVector.fromArray(INTS, ks, first + chunks * LANES);
      ByteVector.fromArray(BYTES, in, inOff + at, lanes)
          .lanewise(XOR, stream.reinterpretAsBytes())
          .intoArray(out, outOff + at, lanes);
    }
    return pos + n;
  }

  /**
   * Blocks {@code counter .. counter+2*LANES-1} into {@code ks} in stream order (word w of block b at {@code 16 * b +
   * w}). The rounds run on two sets of sixteen vectors side by side (blocks counter.. and counter+LANES..): one set
   * alone leaves the processor waiting on each instruction's predecessor (a pass of 8 blocks in 256-bit vectors took as
   * long as one of 16 in 512-bit ones), two interleaved sets fill those waits. The rounds leave word w of every block
   * of a set in vector w; {@link #transpose} turns each set into blocks.
   */
  private static void compute(int[] ks, int[] words, int[] key, int counter, int n0, int n1, int n2) {
    IntVector s0 = IntVector.broadcast(INTS, ChaCha20.SIGMA0), s1 = IntVector.broadcast(INTS, ChaCha20.SIGMA1);
    IntVector s2 = IntVector.broadcast(INTS, ChaCha20.SIGMA2), s3 = IntVector.broadcast(INTS, ChaCha20.SIGMA3);
    IntVector k0 = IntVector.broadcast(INTS, key[0]), k1 = IntVector.broadcast(INTS, key[1]);
    IntVector k2 = IntVector.broadcast(INTS, key[2]), k3 = IntVector.broadcast(INTS, key[3]);
    IntVector k4 = IntVector.broadcast(INTS, key[4]), k5 = IntVector.broadcast(INTS, key[5]);
    IntVector k6 = IntVector.broadcast(INTS, key[6]), k7 = IntVector.broadcast(INTS, key[7]);
    IntVector v12 = IntVector.fromArray(INTS, LANE_INDEX, 0).add(counter), u12 = v12.add(LANES);
    IntVector v13 = IntVector.broadcast(INTS, n0), v14 = IntVector.broadcast(INTS, n1);
    IntVector v15 = IntVector.broadcast(INTS, n2);
    IntVector x0 = s0, x1 = s1, x2 = s2, x3 = s3, x4 = k0, x5 = k1, x6 = k2, x7 = k3;
    IntVector x8 = k4, x9 = k5, x10 = k6, x11 = k7, x12 = v12, x13 = v13, x14 = v14, x15 = v15;
    IntVector z0 = s0, z1 = s1, z2 = s2, z3 = s3, z4 = k0, z5 = k1, z6 = k2, z7 = k3;
    IntVector z8 = k4, z9 = k5, z10 = k6, z11 = k7, z12 = u12, z13 = v13, z14 = v14, z15 = v15;
    for (int round = 0; round < 10; round++) {
      x0 = x0.add(x4); x12 = x12.lanewise(XOR, x0).lanewise(ROL, 16);
      z0 = z0.add(z4); z12 = z12.lanewise(XOR, z0).lanewise(ROL, 16);
      x8 = x8.add(x12); x4 = x4.lanewise(XOR, x8).lanewise(ROL, 12);
      z8 = z8.add(z12); z4 = z4.lanewise(XOR, z8).lanewise(ROL, 12);
      x0 = x0.add(x4); x12 = x12.lanewise(XOR, x0).lanewise(ROL, 8);
      z0 = z0.add(z4); z12 = z12.lanewise(XOR, z0).lanewise(ROL, 8);
      x8 = x8.add(x12); x4 = x4.lanewise(XOR, x8).lanewise(ROL, 7);
      z8 = z8.add(z12); z4 = z4.lanewise(XOR, z8).lanewise(ROL, 7);
      x1 = x1.add(x5); x13 = x13.lanewise(XOR, x1).lanewise(ROL, 16);
      z1 = z1.add(z5); z13 = z13.lanewise(XOR, z1).lanewise(ROL, 16);
      x9 = x9.add(x13); x5 = x5.lanewise(XOR, x9).lanewise(ROL, 12);
      z9 = z9.add(z13); z5 = z5.lanewise(XOR, z9).lanewise(ROL, 12);
      x1 = x1.add(x5); x13 = x13.lanewise(XOR, x1).lanewise(ROL, 8);
      z1 = z1.add(z5); z13 = z13.lanewise(XOR, z1).lanewise(ROL, 8);
      x9 = x9.add(x13); x5 = x5.lanewise(XOR, x9).lanewise(ROL, 7);
      z9 = z9.add(z13); z5 = z5.lanewise(XOR, z9).lanewise(ROL, 7);
      x2 = x2.add(x6); x14 = x14.lanewise(XOR, x2).lanewise(ROL, 16);
      z2 = z2.add(z6); z14 = z14.lanewise(XOR, z2).lanewise(ROL, 16);
      x10 = x10.add(x14); x6 = x6.lanewise(XOR, x10).lanewise(ROL, 12);
      z10 = z10.add(z14); z6 = z6.lanewise(XOR, z10).lanewise(ROL, 12);
      x2 = x2.add(x6); x14 = x14.lanewise(XOR, x2).lanewise(ROL, 8);
      z2 = z2.add(z6); z14 = z14.lanewise(XOR, z2).lanewise(ROL, 8);
      x10 = x10.add(x14); x6 = x6.lanewise(XOR, x10).lanewise(ROL, 7);
      z10 = z10.add(z14); z6 = z6.lanewise(XOR, z10).lanewise(ROL, 7);
      x3 = x3.add(x7); x15 = x15.lanewise(XOR, x3).lanewise(ROL, 16);
      z3 = z3.add(z7); z15 = z15.lanewise(XOR, z3).lanewise(ROL, 16);
      x11 = x11.add(x15); x7 = x7.lanewise(XOR, x11).lanewise(ROL, 12);
      z11 = z11.add(z15); z7 = z7.lanewise(XOR, z11).lanewise(ROL, 12);
      x3 = x3.add(x7); x15 = x15.lanewise(XOR, x3).lanewise(ROL, 8);
      z3 = z3.add(z7); z15 = z15.lanewise(XOR, z3).lanewise(ROL, 8);
      x11 = x11.add(x15); x7 = x7.lanewise(XOR, x11).lanewise(ROL, 7);
      z11 = z11.add(z15); z7 = z7.lanewise(XOR, z11).lanewise(ROL, 7);
      x0 = x0.add(x5); x15 = x15.lanewise(XOR, x0).lanewise(ROL, 16);
      z0 = z0.add(z5); z15 = z15.lanewise(XOR, z0).lanewise(ROL, 16);
      x10 = x10.add(x15); x5 = x5.lanewise(XOR, x10).lanewise(ROL, 12);
      z10 = z10.add(z15); z5 = z5.lanewise(XOR, z10).lanewise(ROL, 12);
      x0 = x0.add(x5); x15 = x15.lanewise(XOR, x0).lanewise(ROL, 8);
      z0 = z0.add(z5); z15 = z15.lanewise(XOR, z0).lanewise(ROL, 8);
      x10 = x10.add(x15); x5 = x5.lanewise(XOR, x10).lanewise(ROL, 7);
      z10 = z10.add(z15); z5 = z5.lanewise(XOR, z10).lanewise(ROL, 7);
      x1 = x1.add(x6); x12 = x12.lanewise(XOR, x1).lanewise(ROL, 16);
      z1 = z1.add(z6); z12 = z12.lanewise(XOR, z1).lanewise(ROL, 16);
      x11 = x11.add(x12); x6 = x6.lanewise(XOR, x11).lanewise(ROL, 12);
      z11 = z11.add(z12); z6 = z6.lanewise(XOR, z11).lanewise(ROL, 12);
      x1 = x1.add(x6); x12 = x12.lanewise(XOR, x1).lanewise(ROL, 8);
      z1 = z1.add(z6); z12 = z12.lanewise(XOR, z1).lanewise(ROL, 8);
      x11 = x11.add(x12); x6 = x6.lanewise(XOR, x11).lanewise(ROL, 7);
      z11 = z11.add(z12); z6 = z6.lanewise(XOR, z11).lanewise(ROL, 7);
      x2 = x2.add(x7); x13 = x13.lanewise(XOR, x2).lanewise(ROL, 16);
      z2 = z2.add(z7); z13 = z13.lanewise(XOR, z2).lanewise(ROL, 16);
      x8 = x8.add(x13); x7 = x7.lanewise(XOR, x8).lanewise(ROL, 12);
      z8 = z8.add(z13); z7 = z7.lanewise(XOR, z8).lanewise(ROL, 12);
      x2 = x2.add(x7); x13 = x13.lanewise(XOR, x2).lanewise(ROL, 8);
      z2 = z2.add(z7); z13 = z13.lanewise(XOR, z2).lanewise(ROL, 8);
      x8 = x8.add(x13); x7 = x7.lanewise(XOR, x8).lanewise(ROL, 7);
      z8 = z8.add(z13); z7 = z7.lanewise(XOR, z8).lanewise(ROL, 7);
      x3 = x3.add(x4); x14 = x14.lanewise(XOR, x3).lanewise(ROL, 16);
      z3 = z3.add(z4); z14 = z14.lanewise(XOR, z3).lanewise(ROL, 16);
      x9 = x9.add(x14); x4 = x4.lanewise(XOR, x9).lanewise(ROL, 12);
      z9 = z9.add(z14); z4 = z4.lanewise(XOR, z9).lanewise(ROL, 12);
      x3 = x3.add(x4); x14 = x14.lanewise(XOR, x3).lanewise(ROL, 8);
      z3 = z3.add(z4); z14 = z14.lanewise(XOR, z3).lanewise(ROL, 8);
      x9 = x9.add(x14); x4 = x4.lanewise(XOR, x9).lanewise(ROL, 7);
      z9 = z9.add(z14); z4 = z4.lanewise(XOR, z9).lanewise(ROL, 7);
    }
    // The final addition, word-major into words (set 1 at 0, set 2 at 16 * LANES), then each set to blocks.
    x0.add(s0).intoArray(words, 0);
    x1.add(s1).intoArray(words, LANES);
    x2.add(s2).intoArray(words, 2 * LANES);
    x3.add(s3).intoArray(words, 3 * LANES);
    x4.add(k0).intoArray(words, 4 * LANES);
    x5.add(k1).intoArray(words, 5 * LANES);
    x6.add(k2).intoArray(words, 6 * LANES);
    x7.add(k3).intoArray(words, 7 * LANES);
    x8.add(k4).intoArray(words, 8 * LANES);
    x9.add(k5).intoArray(words, 9 * LANES);
    x10.add(k6).intoArray(words, 10 * LANES);
    x11.add(k7).intoArray(words, 11 * LANES);
    x12.add(v12).intoArray(words, 12 * LANES);
    x13.add(v13).intoArray(words, 13 * LANES);
    x14.add(v14).intoArray(words, 14 * LANES);
    x15.add(v15).intoArray(words, 15 * LANES);
    int w = 16 * LANES;
    z0.add(s0).intoArray(words, w);
    z1.add(s1).intoArray(words, w + LANES);
    z2.add(s2).intoArray(words, w + 2 * LANES);
    z3.add(s3).intoArray(words, w + 3 * LANES);
    z4.add(k0).intoArray(words, w + 4 * LANES);
    z5.add(k1).intoArray(words, w + 5 * LANES);
    z6.add(k2).intoArray(words, w + 6 * LANES);
    z7.add(k3).intoArray(words, w + 7 * LANES);
    z8.add(k4).intoArray(words, w + 8 * LANES);
    z9.add(k5).intoArray(words, w + 9 * LANES);
    z10.add(k6).intoArray(words, w + 10 * LANES);
    z11.add(k7).intoArray(words, w + 11 * LANES);
    z12.add(u12).intoArray(words, w + 12 * LANES);
    z13.add(v13).intoArray(words, w + 13 * LANES);
    z14.add(v14).intoArray(words, w + 14 * LANES);
    z15.add(v15).intoArray(words, w + 15 * LANES);
    transpose(words, 0, ks, 0);
    transpose(words, w, ks, w);
  }

  /**
   * Turns sixteen word vectors at {@code words[from..]} (word w of LANES blocks in vector w) into LANES blocks stored in
   * stream order at {@code ks[base..]}: {@code log2(LANES)} stages of two-vector permutations ({@code vpermt2d}).
   */
  private static void transpose(int[] words, int from, int[] ks, int base) {
    IntVector y0 = IntVector.fromArray(INTS, words, from + 0 * LANES);
    IntVector y1 = IntVector.fromArray(INTS, words, from + 1 * LANES);
    IntVector y2 = IntVector.fromArray(INTS, words, from + 2 * LANES);
    IntVector y3 = IntVector.fromArray(INTS, words, from + 3 * LANES);
    IntVector y4 = IntVector.fromArray(INTS, words, from + 4 * LANES);
    IntVector y5 = IntVector.fromArray(INTS, words, from + 5 * LANES);
    IntVector y6 = IntVector.fromArray(INTS, words, from + 6 * LANES);
    IntVector y7 = IntVector.fromArray(INTS, words, from + 7 * LANES);
    IntVector y8 = IntVector.fromArray(INTS, words, from + 8 * LANES);
    IntVector y9 = IntVector.fromArray(INTS, words, from + 9 * LANES);
    IntVector y10 = IntVector.fromArray(INTS, words, from + 10 * LANES);
    IntVector y11 = IntVector.fromArray(INTS, words, from + 11 * LANES);
    IntVector y12 = IntVector.fromArray(INTS, words, from + 12 * LANES);
    IntVector y13 = IntVector.fromArray(INTS, words, from + 13 * LANES);
    IntVector y14 = IntVector.fromArray(INTS, words, from + 14 * LANES);
    IntVector y15 = IntVector.fromArray(INTS, words, from + 15 * LANES);
    // Transpose: stage k swaps bit k of the vector index with bit k of the lane index, pairing vector i with i + 2^k.
    IntVector lo, hi, t;
    lo = IntVector.fromArray(INTS, TRANSPOSE[0], 0);
    hi = IntVector.fromArray(INTS, TRANSPOSE[1], 0);
    t = lo.selectFrom(y0, y1);
    y1 = hi.selectFrom(y0, y1);
    y0 = t;
    t = lo.selectFrom(y2, y3);
    y3 = hi.selectFrom(y2, y3);
    y2 = t;
    t = lo.selectFrom(y4, y5);
    y5 = hi.selectFrom(y4, y5);
    y4 = t;
    t = lo.selectFrom(y6, y7);
    y7 = hi.selectFrom(y6, y7);
    y6 = t;
    t = lo.selectFrom(y8, y9);
    y9 = hi.selectFrom(y8, y9);
    y8 = t;
    t = lo.selectFrom(y10, y11);
    y11 = hi.selectFrom(y10, y11);
    y10 = t;
    t = lo.selectFrom(y12, y13);
    y13 = hi.selectFrom(y12, y13);
    y12 = t;
    t = lo.selectFrom(y14, y15);
    y15 = hi.selectFrom(y14, y15);
    y14 = t;
    lo = IntVector.fromArray(INTS, TRANSPOSE[2], 0);
    hi = IntVector.fromArray(INTS, TRANSPOSE[3], 0);
    t = lo.selectFrom(y0, y2);
    y2 = hi.selectFrom(y0, y2);
    y0 = t;
    t = lo.selectFrom(y1, y3);
    y3 = hi.selectFrom(y1, y3);
    y1 = t;
    t = lo.selectFrom(y4, y6);
    y6 = hi.selectFrom(y4, y6);
    y4 = t;
    t = lo.selectFrom(y5, y7);
    y7 = hi.selectFrom(y5, y7);
    y5 = t;
    t = lo.selectFrom(y8, y10);
    y10 = hi.selectFrom(y8, y10);
    y8 = t;
    t = lo.selectFrom(y9, y11);
    y11 = hi.selectFrom(y9, y11);
    y9 = t;
    t = lo.selectFrom(y12, y14);
    y14 = hi.selectFrom(y12, y14);
    y12 = t;
    t = lo.selectFrom(y13, y15);
    y15 = hi.selectFrom(y13, y15);
    y13 = t;
    lo = IntVector.fromArray(INTS, TRANSPOSE[4], 0);
    hi = IntVector.fromArray(INTS, TRANSPOSE[5], 0);
    t = lo.selectFrom(y0, y4);
    y4 = hi.selectFrom(y0, y4);
    y0 = t;
    t = lo.selectFrom(y1, y5);
    y5 = hi.selectFrom(y1, y5);
    y1 = t;
    t = lo.selectFrom(y2, y6);
    y6 = hi.selectFrom(y2, y6);
    y2 = t;
    t = lo.selectFrom(y3, y7);
    y7 = hi.selectFrom(y3, y7);
    y3 = t;
    t = lo.selectFrom(y8, y12);
    y12 = hi.selectFrom(y8, y12);
    y8 = t;
    t = lo.selectFrom(y9, y13);
    y13 = hi.selectFrom(y9, y13);
    y9 = t;
    t = lo.selectFrom(y10, y14);
    y14 = hi.selectFrom(y10, y14);
    y10 = t;
    t = lo.selectFrom(y11, y15);
    y15 = hi.selectFrom(y11, y15);
    y11 = t;
    if (LANES == 16) {
      lo = IntVector.fromArray(INTS, TRANSPOSE[6], 0);
      hi = IntVector.fromArray(INTS, TRANSPOSE[7], 0);
      t = lo.selectFrom(y0, y8);
      y8 = hi.selectFrom(y0, y8);
      y0 = t;
      t = lo.selectFrom(y1, y9);
      y9 = hi.selectFrom(y1, y9);
      y1 = t;
      t = lo.selectFrom(y2, y10);
      y10 = hi.selectFrom(y2, y10);
      y2 = t;
      t = lo.selectFrom(y3, y11);
      y11 = hi.selectFrom(y3, y11);
      y3 = t;
      t = lo.selectFrom(y4, y12);
      y12 = hi.selectFrom(y4, y12);
      y4 = t;
      t = lo.selectFrom(y5, y13);
      y13 = hi.selectFrom(y5, y13);
      y5 = t;
      t = lo.selectFrom(y6, y14);
      y14 = hi.selectFrom(y6, y14);
      y6 = t;
      t = lo.selectFrom(y7, y15);
      y15 = hi.selectFrom(y7, y15);
      y7 = t;
    }
    // Vector v now holds words (v / LANES) * LANES .. of block v % LANES: store it at its place in the stream (the
    // offsets are constants once C2 knows LANES).
    y0.intoArray(ks, base + 16 * (0 % LANES) + (0 / LANES) * LANES);
    y1.intoArray(ks, base + 16 * (1 % LANES) + (1 / LANES) * LANES);
    y2.intoArray(ks, base + 16 * (2 % LANES) + (2 / LANES) * LANES);
    y3.intoArray(ks, base + 16 * (3 % LANES) + (3 / LANES) * LANES);
    y4.intoArray(ks, base + 16 * (4 % LANES) + (4 / LANES) * LANES);
    y5.intoArray(ks, base + 16 * (5 % LANES) + (5 / LANES) * LANES);
    y6.intoArray(ks, base + 16 * (6 % LANES) + (6 / LANES) * LANES);
    y7.intoArray(ks, base + 16 * (7 % LANES) + (7 / LANES) * LANES);
    y8.intoArray(ks, base + 16 * (8 % LANES) + (8 / LANES) * LANES);
    y9.intoArray(ks, base + 16 * (9 % LANES) + (9 / LANES) * LANES);
    y10.intoArray(ks, base + 16 * (10 % LANES) + (10 / LANES) * LANES);
    y11.intoArray(ks, base + 16 * (11 % LANES) + (11 / LANES) * LANES);
    y12.intoArray(ks, base + 16 * (12 % LANES) + (12 / LANES) * LANES);
    y13.intoArray(ks, base + 16 * (13 % LANES) + (13 / LANES) * LANES);
    y14.intoArray(ks, base + 16 * (14 % LANES) + (14 / LANES) * LANES);
    y15.intoArray(ks, base + 16 * (15 % LANES) + (15 / LANES) * LANES);
  }

  /** One thread's last pass of keystream, and for which key and nonce it holds the first pass (after polyKey). */
  private static final class Pass {
    final int[] ks = new int[32 * LANES];
    /** The rounds' output before the transposition. */
    final int[] words = new int[32 * LANES];
    final int[] key = new int[8];
    int n0, n1, n2;
    boolean holdsFirstPass;

    /** Whether this holds blocks 0 .. 2 LANES-1 for that key and nonce; compares every word (no early exit on key bytes). */
    boolean holds(int[] k, int m0, int m1, int m2) {
      int diff = (n0 ^ m0) | (n1 ^ m1) | (n2 ^ m2);
      for (int i = 0; i < 8; i++) {
        diff |= key[i] ^ k[i];
      }
      return holdsFirstPass & diff == 0;
    }
  }
}
