package io.portcullis.gateway.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Poly1305 one-time authenticator (RFC 8439 §2.5, https://www.rfc-editor.org/rfc/rfc8439#section-2.5) with the
 * accumulator in radix 2^64: two full 64-bit limbs plus a small third, products through
 * {@link Math#unsignedMultiplyHigh}.
 *
 * <p>Not thread-safe; one instance is reused per thread and re-keyed per message, so nothing is allocated per packet.
 * Every carry is computed with bit operations, never with a comparison, so time does not depend on the data.
 */
final class Poly1305 {
  /** Bytes per Poly1305 block and in a tag. */
  static final int BLOCK_LENGTH = 16;

  /** RFC 8439 §2.5: r &= 0x0ffffffc0ffffffc0ffffffc0fffffff, as its low and high 64-bit halves. */
  private static final long CLAMP_LO = 0x0ffffffc0fffffffL, CLAMP_HI = 0x0ffffffc0ffffffcL;

  private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private long r0, r1, s1;
  private long h0, h1, h2;
  private long pad0, pad1;
  private final byte[] buffer = new byte[BLOCK_LENGTH];
  private int buffered;

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
    r0 = rLo & CLAMP_LO;
    r1 = rHi & CLAMP_HI;
    // 2^130 = 5 (mod p) and r1's low two bits are clear, so h1 * r1 * 2^128 folds to h1 * (r1 + r1/4) exactly.
    s1 = r1 + (r1 >>> 2);
    pad0 = sLo;
    pad1 = sHi;
    h0 = h1 = h2 = 0;
    buffered = 0;
  }

  /** Absorbs {@code len} bytes, buffering a partial block. */
  void update(byte[] in, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, in.length);
    if (buffered > 0) {
      int take = Math.min(len, BLOCK_LENGTH - buffered);
      System.arraycopy(in, off, buffer, buffered, take);
      buffered += take;
      off += take;
      len -= take;
      if (buffered < BLOCK_LENGTH) {
        return;
      }
      blocks(buffer, 0, 1, 1);
      buffered = 0;
    }
    int full = len / BLOCK_LENGTH;
    blocks(in, off, full, 1);
    int rest = len - full * BLOCK_LENGTH;
    System.arraycopy(in, off + full * BLOCK_LENGTH, buffer, 0, rest);
    buffered = rest;
  }

  /**
   * Absorbs {@code len} bytes followed by zero bytes up to a multiple of 16, as the AEAD construction does with its
   * {@code pad16}; must be called on a block boundary.
   */
  void updatePadded(byte[] in, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, in.length);
    int full = len / BLOCK_LENGTH;
    blocks(in, off, full, 1);
    int rest = len - full * BLOCK_LENGTH;
    if (rest > 0) {
      System.arraycopy(in, off + full * BLOCK_LENGTH, buffer, 0, rest);
      java.util.Arrays.fill(buffer, rest, BLOCK_LENGTH, (byte) 0);
      blocks(buffer, 0, 1, 1);
    }
  }

  /** Absorbs the AEAD's final block: the AAD and ciphertext lengths as two little-endian 64-bit numbers. */
  void updateLengths(long aadLength, long ciphertextLength) {
    LE64.set(buffer, 0, aadLength);
    LE64.set(buffer, 8, ciphertextLength);
    blocks(buffer, 0, 1, 1);
  }

  /** Writes the 16-byte tag to {@code out[off..]}; the instance must be re-keyed before further use. */
  void finish(byte[] out, int off) {
    if (buffered > 0) {
      buffer[buffered] = 1;
      java.util.Arrays.fill(buffer, buffered + 1, BLOCK_LENGTH, (byte) 0);
      blocks(buffer, 0, 1, 0);
      buffered = 0;
    }
    // h is below 2p here. g = h + 5 - 2^130 is non-negative exactly when h >= p; then the tag uses g.
    long g0 = h0 + 5;
    long c = carry(h0, 5, g0);
    long g1 = h1 + c;
    c = carry(h1, c, g1);
    long g2 = h2 + c;
    long useG = -(g2 >>> 2);
    long t0 = (h0 & ~useG) | (g0 & useG);
    long t1 = (h1 & ~useG) | (g1 & useG);
    long f0 = t0 + pad0;
    long f1 = t1 + pad1 + carry(t0, pad0, f0);
    LE64.set(out, off, f0);
    LE64.set(out, off + 8, f1);
  }

  /** Carry out of the unsigned addition {@code a + b == sum}, as 0 or 1, without a comparison. */
  private static long carry(long a, long b, long sum) {
    return ((a & b) | ((a | b) & ~sum)) >>> 63;
  }

  /** h = (h + m_i + hibit * 2^128) * r, partially reduced mod 2^130 - 5, for {@code n} blocks. */
  private void blocks(byte[] m, int off, int n, long hibit) {
    long h0 = this.h0, h1 = this.h1, h2 = this.h2;
    final long r0 = this.r0, r1 = this.r1, s1 = this.s1;
    for (int i = 0; i < n; i++, off += BLOCK_LENGTH) {
      long m0 = (long) LE64.get(m, off);
      long m1 = (long) LE64.get(m, off + 8);
      long a0 = h0 + m0;
      long c = carry(h0, m0, a0);
      long a1 = h1 + m1;
      long c1 = carry(h1, m1, a1);
      long a1c = a1 + c;
      c1 += carry(a1, c, a1c);
      h0 = a0;
      h1 = a1c;
      h2 += c1 + hibit;

      // d0 = h0*r0 + h1*s1, d1 = h0*r1 + h1*r0 + h2*s1, d2 = h2*r0 (128, 128 and 64 bits).
      long p0 = h0 * r0, q0 = h1 * s1;
      long d0 = p0 + q0;
      long d0h = Math.unsignedMultiplyHigh(h0, r0) + Math.unsignedMultiplyHigh(h1, s1) + carry(p0, q0, d0);
      long p1 = h0 * r1, q1 = h1 * r0, u1 = h2 * s1;
      long e1 = p1 + q1;
      long d1h = Math.unsignedMultiplyHigh(h0, r1) + Math.unsignedMultiplyHigh(h1, r0) + carry(p1, q1, e1);
      long d1 = e1 + u1;
      d1h += carry(e1, u1, d1);
      long d2 = h2 * r0;

      h0 = d0;
      h1 = d1 + d0h;
      d1h += carry(d1, d0h, h1);
      h2 = d2 + d1h;
      // Fold the bits at 2^130 and above back in times 5.
      long fold = (h2 & ~3L) + (h2 >>> 2);
      h2 &= 3;
      long n0 = h0 + fold;
      c = carry(h0, fold, n0);
      long n1 = h1 + c;
      h2 += carry(h1, c, n1);
      h0 = n0;
      h1 = n1;
    }
    this.h0 = h0;
    this.h1 = h1;
    this.h2 = h2;
  }
}
