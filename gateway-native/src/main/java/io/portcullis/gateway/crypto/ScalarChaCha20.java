package io.portcullis.gateway.crypto;

/**
 * ChaCha20 one 64-byte block at a time in plain Java: the scalar twin of {@link VectorChaCha20}, the fallback when
 * the Vector API is unusable, and the home of the block function and HChaCha20 used for key derivation.
 *
 * <p>RFC 8439 §2.1–2.4 (https://www.rfc-editor.org/rfc/rfc8439#section-2.3); HChaCha20 from
 * draft-irtf-cfrg-xchacha-03 §2.2 (https://datatracker.ietf.org/doc/html/draft-irtf-cfrg-xchacha-03#section-2.2).
 * The 20 rounds are written out as ten double rounds over sixteen locals so the JIT keeps the state in registers;
 * nothing is looked up in a table indexed by secret data.
 */
final class ScalarChaCha20 implements ChaCha20Engine {

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public void polyKey(int[] key, int n0, int n1, int n2, int[] out) {
    block(key, 0, n0, n1, n2, out);
  }

  @Override
  public void xor(int[] key, int counter, int n0, int n1, int n2, byte[] in, int inOff, byte[] out, int outOff,
      int len) {
    java.util.Objects.checkFromIndexSize(inOff, len, in.length);
    java.util.Objects.checkFromIndexSize(outOff, len, out.length);
    int k0 = key[0], k1 = key[1], k2 = key[2], k3 = key[3], k4 = key[4], k5 = key[5], k6 = key[6], k7 = key[7];
    for (int pos = 0; pos < len; pos += ChaCha20.BLOCK_LENGTH, counter++) {
      int x0 = ChaCha20.SIGMA0, x1 = ChaCha20.SIGMA1, x2 = ChaCha20.SIGMA2, x3 = ChaCha20.SIGMA3;
      int x4 = k0, x5 = k1, x6 = k2, x7 = k3, x8 = k4, x9 = k5, x10 = k6, x11 = k7;
      int x12 = counter, x13 = n0, x14 = n1, x15 = n2;
      for (int round = 0; round < 10; round++) {
        x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 16);
        x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 12);
        x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 8);
        x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 7);
        x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 16);
        x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 12);
        x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 8);
        x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 7);
        x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 16);
        x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 12);
        x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 8);
        x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 7);
        x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 16);
        x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 12);
        x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 8);
        x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 7);
        x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 16);
        x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 12);
        x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 8);
        x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 7);
        x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 16);
        x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 12);
        x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 8);
        x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 7);
        x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 16);
        x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 12);
        x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 8);
        x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 7);
        x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 16);
        x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 12);
        x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 8);
        x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 7);
      }
      x0 += ChaCha20.SIGMA0; x1 += ChaCha20.SIGMA1; x2 += ChaCha20.SIGMA2; x3 += ChaCha20.SIGMA3;
      x4 += k0; x5 += k1; x6 += k2; x7 += k3; x8 += k4; x9 += k5; x10 += k6; x11 += k7;
      x12 += counter; x13 += n0; x14 += n1; x15 += n2;
      int i = inOff + pos, o = outOff + pos, r = len - pos;
      if (r >= ChaCha20.BLOCK_LENGTH) {
        xorWord(x0, in, i + 0, out, o + 0);
        xorWord(x1, in, i + 4, out, o + 4);
        xorWord(x2, in, i + 8, out, o + 8);
        xorWord(x3, in, i + 12, out, o + 12);
        xorWord(x4, in, i + 16, out, o + 16);
        xorWord(x5, in, i + 20, out, o + 20);
        xorWord(x6, in, i + 24, out, o + 24);
        xorWord(x7, in, i + 28, out, o + 28);
        xorWord(x8, in, i + 32, out, o + 32);
        xorWord(x9, in, i + 36, out, o + 36);
        xorWord(x10, in, i + 40, out, o + 40);
        xorWord(x11, in, i + 44, out, o + 44);
        xorWord(x12, in, i + 48, out, o + 48);
        xorWord(x13, in, i + 52, out, o + 52);
        xorWord(x14, in, i + 56, out, o + 56);
        xorWord(x15, in, i + 60, out, o + 60);
      } else {
        r = xorTail(x0, in, i + 0, out, o + 0, r);
        r = xorTail(x1, in, i + 4, out, o + 4, r);
        r = xorTail(x2, in, i + 8, out, o + 8, r);
        r = xorTail(x3, in, i + 12, out, o + 12, r);
        r = xorTail(x4, in, i + 16, out, o + 16, r);
        r = xorTail(x5, in, i + 20, out, o + 20, r);
        r = xorTail(x6, in, i + 24, out, o + 24, r);
        r = xorTail(x7, in, i + 28, out, o + 28, r);
        r = xorTail(x8, in, i + 32, out, o + 32, r);
        r = xorTail(x9, in, i + 36, out, o + 36, r);
        r = xorTail(x10, in, i + 40, out, o + 40, r);
        r = xorTail(x11, in, i + 44, out, o + 44, r);
        r = xorTail(x12, in, i + 48, out, o + 48, r);
        r = xorTail(x13, in, i + 52, out, o + 52, r);
        r = xorTail(x14, in, i + 56, out, o + 56, r);
        r = xorTail(x15, in, i + 60, out, o + 60, r);
      }
    }
  }

  /** Writes the 16 words of ChaCha20 block {@code counter} (after the final addition) to {@code out}. */
  static void block(int[] key, int counter, int n0, int n1, int n2, int[] out) {
    int k0 = key[0], k1 = key[1], k2 = key[2], k3 = key[3], k4 = key[4], k5 = key[5], k6 = key[6], k7 = key[7];
    int x0 = ChaCha20.SIGMA0, x1 = ChaCha20.SIGMA1, x2 = ChaCha20.SIGMA2, x3 = ChaCha20.SIGMA3;
    int x4 = k0, x5 = k1, x6 = k2, x7 = k3, x8 = k4, x9 = k5, x10 = k6, x11 = k7;
    int x12 = counter, x13 = n0, x14 = n1, x15 = n2;
    for (int round = 0; round < 10; round++) {
      x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 16);
      x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 12);
      x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 8);
      x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 7);
      x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 16);
      x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 12);
      x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 8);
      x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 7);
      x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 16);
      x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 12);
      x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 8);
      x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 7);
      x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 16);
      x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 12);
      x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 8);
      x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 7);
      x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 16);
      x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 12);
      x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 8);
      x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 7);
      x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 16);
      x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 12);
      x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 8);
      x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 7);
      x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 16);
      x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 12);
      x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 8);
      x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 7);
      x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 16);
      x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 12);
      x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 8);
      x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 7);
    }
    out[0] = x0 + ChaCha20.SIGMA0; out[1] = x1 + ChaCha20.SIGMA1; out[2] = x2 + ChaCha20.SIGMA2;
    out[3] = x3 + ChaCha20.SIGMA3; out[4] = x4 + k0; out[5] = x5 + k1; out[6] = x6 + k2; out[7] = x7 + k3;
    out[8] = x8 + k4; out[9] = x9 + k5; out[10] = x10 + k6; out[11] = x11 + k7;
    out[12] = x12 + counter; out[13] = x13 + n0; out[14] = x14 + n1; out[15] = x15 + n2;
  }

  /**
   * HChaCha20: the rounds over the key and a 16-byte nonce given as four words, without the final addition, keeping
   * words 0–3 and 12–15 as the 256-bit subkey {@code out[0..8)}.
   */
  static void hChaCha20(int[] key, int c0, int c1, int c2, int c3, int[] out) {
    int k0 = key[0], k1 = key[1], k2 = key[2], k3 = key[3], k4 = key[4], k5 = key[5], k6 = key[6], k7 = key[7];
    int counter = c0, n0 = c1, n1 = c2, n2 = c3;
    int x0 = ChaCha20.SIGMA0, x1 = ChaCha20.SIGMA1, x2 = ChaCha20.SIGMA2, x3 = ChaCha20.SIGMA3;
    int x4 = k0, x5 = k1, x6 = k2, x7 = k3, x8 = k4, x9 = k5, x10 = k6, x11 = k7;
    int x12 = counter, x13 = n0, x14 = n1, x15 = n2;
    for (int round = 0; round < 10; round++) {
      x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 16);
      x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 12);
      x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 8);
      x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 7);
      x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 16);
      x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 12);
      x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 8);
      x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 7);
      x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 16);
      x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 12);
      x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 8);
      x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 7);
      x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 16);
      x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 12);
      x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 8);
      x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 7);
      x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 16);
      x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 12);
      x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 8);
      x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 7);
      x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 16);
      x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 12);
      x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 8);
      x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 7);
      x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 16);
      x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 12);
      x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 8);
      x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 7);
      x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 16);
      x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 12);
      x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 8);
      x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 7);
    }
    out[0] = x0; out[1] = x1; out[2] = x2; out[3] = x3; out[4] = x12; out[5] = x13; out[6] = x14; out[7] = x15;
  }

  private static void xorWord(int w, byte[] in, int i, byte[] out, int o) {
    ChaCha20.LE32.set(out, o, (int) ChaCha20.LE32.get(in, i) ^ w);
  }

  /** XORs up to four bytes of {@code w} in the last, partial block; returns how many bytes remain after them. */
  private static int xorTail(int w, byte[] in, int i, byte[] out, int o, int remaining) {
    if (remaining >= 4) {
      xorWord(w, in, i, out, o);
      return remaining - 4;
    }
    for (int b = 0; b < remaining; b++) {
      out[o + b] = (byte) (in[i + b] ^ (w >>> (8 * b)));
    }
    return 0;
  }
}
