package io.portcullis.gateway.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * BLAKE2s (RFC 7693, https://www.rfc-editor.org/rfc/rfc7693) with 1–32 byte digests, unkeyed or keyed: WireGuard's
 * HASH, its MAC1/MAC2 and the hash under its HMAC.
 *
 * <p>Not thread-safe; reusable: {@link #doFinal} resets the instance to its initial (keyed) state. The static
 * {@link #hash} and {@link #mac} use one instance per thread and allocate nothing.
 */
public final class Blake2s {
  /** Bytes per compression block. */
  static final int BLOCK_LENGTH = 64;
  /** Largest digest and key length. */
  public static final int MAX_LENGTH = 32;

  /** RFC 7693 §2.6: the SHA-256 initial values. */
  private static final int[] IV = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
  };

  /** RFC 7693 §2.7: message word permutations, one row per round. */
  private static final byte[][] SIGMA = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
  };

  private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final ThreadLocal<Blake2s> PER_THREAD = ThreadLocal.withInitial(() -> new Blake2s(MAX_LENGTH));

  private final int[] h = new int[8];
  private final int[] m = new int[16];
  private final byte[] buffer = new byte[BLOCK_LENGTH];
  private final byte[] key = new byte[MAX_LENGTH];
  private int keyLength;
  private int outLength;
  private int buffered;
  private long counter;

  /** An unkeyed BLAKE2s producing {@code outLen} (1..32) bytes. */
  public Blake2s(int outLen) {
    init(outLen, null, 0, 0);
  }

  /** A keyed BLAKE2s producing {@code outLen} (1..32) bytes under {@code key[keyOff..keyOff+keyLen)} (1..32 bytes). */
  public Blake2s(int outLen, byte[] key, int keyOff, int keyLen) {
    if (keyLen < 1) {
      throw new IllegalArgumentException("a BLAKE2s key has 1.." + MAX_LENGTH + " bytes, not " + keyLen);
    }
    init(outLen, key, keyOff, keyLen);
  }

  /** Re-initialises for a new digest length and key ({@code keyLen} 0 for unkeyed). */
  void init(int outLen, byte[] k, int keyOff, int keyLen) {
    if (outLen < 1 || outLen > MAX_LENGTH) {
      throw new IllegalArgumentException("a BLAKE2s digest has 1.." + MAX_LENGTH + " bytes, not " + outLen);
    }
    if (keyLen < 0 || keyLen > MAX_LENGTH) {
      throw new IllegalArgumentException("a BLAKE2s key has 1.." + MAX_LENGTH + " bytes, not " + keyLen);
    }
    if (keyLen > 0) {
      Objects.checkFromIndexSize(keyOff, keyLen, k.length);
      System.arraycopy(k, keyOff, key, 0, keyLen);
    }
    Arrays.fill(key, keyLen, MAX_LENGTH, (byte) 0);
    outLength = outLen;
    keyLength = keyLen;
    reset();
  }

  private void reset() {
    System.arraycopy(IV, 0, h, 0, 8);
    // Parameter block word 0: digest length, key length, fanout 1, depth 1 (RFC 7693 §2.5).
    h[0] ^= 0x01010000 ^ (keyLength << 8) ^ outLength;
    counter = 0;
    buffered = 0;
    if (keyLength > 0) {
      System.arraycopy(key, 0, buffer, 0, MAX_LENGTH);
      Arrays.fill(buffer, MAX_LENGTH, BLOCK_LENGTH, (byte) 0);
      buffered = BLOCK_LENGTH;
    }
  }

  /** Absorbs {@code in[off..off+len)}; returns this. */
  public Blake2s update(byte[] in, int off, int len) {
    Objects.checkFromIndexSize(off, len, in.length);
    while (len > 0) {
      // The last block must be compressed with the final flag, so a full buffer waits until more input arrives.
      if (buffered == BLOCK_LENGTH) {
        counter += BLOCK_LENGTH;
        compress(buffer, 0, false);
        buffered = 0;
      }
      if (buffered == 0 && len > BLOCK_LENGTH) {
        counter += BLOCK_LENGTH;
        compress(in, off, false);
        off += BLOCK_LENGTH;
        len -= BLOCK_LENGTH;
        continue;
      }
      int take = Math.min(len, BLOCK_LENGTH - buffered);
      System.arraycopy(in, off, buffer, buffered, take);
      buffered += take;
      off += take;
      len -= take;
    }
    return this;
  }

  /** Writes the digest ({@code outLen} bytes) to {@code out[off..]} and resets to the initial state. */
  public void doFinal(byte[] out, int off) {
    Objects.checkFromIndexSize(off, outLength, out.length);
    counter += buffered;
    Arrays.fill(buffer, buffered, BLOCK_LENGTH, (byte) 0);
    compress(buffer, 0, true);
    for (int i = 0; i < outLength; i++) {
      out[off + i] = (byte) (h[i >>> 2] >>> (8 * (i & 3)));
    }
    reset();
  }

  /** Unkeyed BLAKE2s of {@code in[inOff..inOff+inLen)} into {@code out[outOff..outOff+outLen)}. */
  public static void hash(byte[] out, int outOff, int outLen, byte[] in, int inOff, int inLen) {
    Blake2s b = PER_THREAD.get();
    b.init(outLen, null, 0, 0);
    b.update(in, inOff, inLen).doFinal(out, outOff);
  }

  /** Keyed BLAKE2s (WireGuard's MAC1 and MAC2) of {@code in} under {@code key} into {@code out}. */
  public static void mac(byte[] out, int outOff, int outLen, byte[] key, int keyOff, int keyLen, byte[] in, int inOff,
      int inLen) {
    if (keyLen < 1) {
      throw new IllegalArgumentException("a BLAKE2s key has 1.." + MAX_LENGTH + " bytes, not " + keyLen);
    }
    Blake2s b = PER_THREAD.get();
    b.init(outLen, key, keyOff, keyLen);
    b.update(in, inOff, inLen).doFinal(out, outOff);
  }

  private void compress(byte[] block, int off, boolean last) {
    int[] m = this.m;
    for (int i = 0; i < 16; i++) {
      m[i] = (int) LE32.get(block, off + 4 * i);
    }
    int v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3], v4 = h[4], v5 = h[5], v6 = h[6], v7 = h[7];
    int v8 = IV[0], v9 = IV[1], v10 = IV[2], v11 = IV[3];
    int v12 = IV[4] ^ (int) counter, v13 = IV[5] ^ (int) (counter >>> 32);
    int v14 = last ? ~IV[6] : IV[6], v15 = IV[7];
    for (int r = 0; r < 10; r++) {
      byte[] s = SIGMA[r];
      // Columns, then diagonals (RFC 7693 §3.2); G is spelled out so the sixteen words stay in locals.
      v0 += v4 + m[s[0]]; v12 = Integer.rotateRight(v12 ^ v0, 16); v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 12);
      v0 += v4 + m[s[1]]; v12 = Integer.rotateRight(v12 ^ v0, 8); v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 7);
      v1 += v5 + m[s[2]]; v13 = Integer.rotateRight(v13 ^ v1, 16); v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 12);
      v1 += v5 + m[s[3]]; v13 = Integer.rotateRight(v13 ^ v1, 8); v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 7);
      v2 += v6 + m[s[4]]; v14 = Integer.rotateRight(v14 ^ v2, 16); v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 12);
      v2 += v6 + m[s[5]]; v14 = Integer.rotateRight(v14 ^ v2, 8); v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 7);
      v3 += v7 + m[s[6]]; v15 = Integer.rotateRight(v15 ^ v3, 16); v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 12);
      v3 += v7 + m[s[7]]; v15 = Integer.rotateRight(v15 ^ v3, 8); v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 7);
      v0 += v5 + m[s[8]]; v15 = Integer.rotateRight(v15 ^ v0, 16); v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 12);
      v0 += v5 + m[s[9]]; v15 = Integer.rotateRight(v15 ^ v0, 8); v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 7);
      v1 += v6 + m[s[10]]; v12 = Integer.rotateRight(v12 ^ v1, 16); v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 12);
      v1 += v6 + m[s[11]]; v12 = Integer.rotateRight(v12 ^ v1, 8); v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 7);
      v2 += v7 + m[s[12]]; v13 = Integer.rotateRight(v13 ^ v2, 16); v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 12);
      v2 += v7 + m[s[13]]; v13 = Integer.rotateRight(v13 ^ v2, 8); v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 7);
      v3 += v4 + m[s[14]]; v14 = Integer.rotateRight(v14 ^ v3, 16); v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 12);
      v3 += v4 + m[s[15]]; v14 = Integer.rotateRight(v14 ^ v3, 8); v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 7);
    }
    h[0] ^= v0 ^ v8; h[1] ^= v1 ^ v9; h[2] ^= v2 ^ v10; h[3] ^= v3 ^ v11;
    h[4] ^= v4 ^ v12; h[5] ^= v5 ^ v13; h[6] ^= v6 ^ v14; h[7] ^= v7 ^ v15;
  }
}
