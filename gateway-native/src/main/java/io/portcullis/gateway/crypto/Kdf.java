package io.portcullis.gateway.crypto;

import java.util.Arrays;

/**
 * HMAC-BLAKE2s (RFC 2104, https://www.rfc-editor.org/rfc/rfc2104, over BLAKE2s-256 with its 64-byte block) and the
 * HKDF-style KDF1/KDF2/KDF3 of the WireGuard paper §5.4 (https://www.wireguard.com/papers/wireguard.pdf).
 *
 * <p>Thread-safe; per-thread scratch, nothing allocated per call. Outputs are 32 bytes each and may alias any input
 * ({@code kdf1(ck, ck, ...)}): every input is consumed before any output is written.
 */
public final class Kdf {
  /** Output length of HMAC-BLAKE2s and of each KDF output. */
  public static final int HASH_LENGTH = 32;

  private static final byte IPAD = 0x36, OPAD = 0x5c;
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private Kdf() {}

  /** HMAC-BLAKE2s-256 of {@code in[inOff..inOff+inLen)} under {@code key[keyOff..keyOff+keyLen)} into {@code out32}. */
  public static void hmac(byte[] out32, byte[] key, int keyOff, int keyLen, byte[] in, int inOff, int inLen) {
    Scratch s = SCRATCH.get();
    hmac(s, key, keyOff, keyLen, in, inOff, inLen, null, 0);
    System.arraycopy(s.result, 0, out32, 0, HASH_LENGTH);
  }

  /** τ1 = HMAC(HMAC(C, in), 0x1). */
  public static void kdf1(byte[] t1, byte[] chainingKey, byte[] in, int inOff, int inLen) {
    Scratch s = derive(chainingKey, in, inOff, inLen, 1);
    System.arraycopy(s.t1, 0, t1, 0, HASH_LENGTH);
  }

  /** τ1 as in {@link #kdf1}, τ2 = HMAC(τ0, τ1 || 0x2). */
  public static void kdf2(byte[] t1, byte[] t2, byte[] chainingKey, byte[] in, int inOff, int inLen) {
    Scratch s = derive(chainingKey, in, inOff, inLen, 2);
    System.arraycopy(s.t1, 0, t1, 0, HASH_LENGTH);
    System.arraycopy(s.t2, 0, t2, 0, HASH_LENGTH);
  }

  /** τ1, τ2 as in {@link #kdf2}, τ3 = HMAC(τ0, τ2 || 0x3). */
  public static void kdf3(byte[] t1, byte[] t2, byte[] t3, byte[] chainingKey, byte[] in, int inOff, int inLen) {
    Scratch s = derive(chainingKey, in, inOff, inLen, 3);
    System.arraycopy(s.t1, 0, t1, 0, HASH_LENGTH);
    System.arraycopy(s.t2, 0, t2, 0, HASH_LENGTH);
    System.arraycopy(s.t3, 0, t3, 0, HASH_LENGTH);
  }

  private static Scratch derive(byte[] chainingKey, byte[] in, int inOff, int inLen, int outputs) {
    Scratch s = SCRATCH.get();
    hmac(s, chainingKey, 0, HASH_LENGTH, in, inOff, inLen, null, 0);
    System.arraycopy(s.result, 0, s.t0, 0, HASH_LENGTH);
    byte[] prev = null;
    byte[][] targets = s.outputs;
    for (int i = 0; i < outputs; i++) {
      s.counter[0] = (byte) (i + 1);
      hmac(s, s.t0, 0, HASH_LENGTH, prev, 0, prev == null ? 0 : HASH_LENGTH, s.counter, 1);
      System.arraycopy(s.result, 0, targets[i], 0, HASH_LENGTH);
      prev = targets[i];
    }
    Arrays.fill(s.t0, (byte) 0);
    return s;
  }

  /** HMAC over {@code in} followed by {@code suffix[0..suffixLen)}, result in {@code s.result}. */
  private static void hmac(Scratch s, byte[] key, int keyOff, int keyLen, byte[] in, int inOff, int inLen,
      byte[] suffix, int suffixLen) {
    byte[] pad = s.pad;
    Arrays.fill(pad, (byte) 0);
    if (keyLen > Blake2s.BLOCK_LENGTH) {
      Blake2s.hash(pad, 0, HASH_LENGTH, key, keyOff, keyLen);
    } else {
      System.arraycopy(key, keyOff, pad, 0, keyLen);
    }
    for (int i = 0; i < Blake2s.BLOCK_LENGTH; i++) {
      pad[i] ^= IPAD;
    }
    Blake2s b = s.blake;
    b.update(pad, 0, Blake2s.BLOCK_LENGTH);
    if (inLen > 0) {
      b.update(in, inOff, inLen);
    }
    if (suffixLen > 0) {
      b.update(suffix, 0, suffixLen);
    }
    b.doFinal(s.inner, 0);
    for (int i = 0; i < Blake2s.BLOCK_LENGTH; i++) {
      pad[i] ^= IPAD ^ OPAD;
    }
    b.update(pad, 0, Blake2s.BLOCK_LENGTH).update(s.inner, 0, HASH_LENGTH).doFinal(s.result, 0);
    Arrays.fill(pad, (byte) 0);
    Arrays.fill(s.inner, (byte) 0);
  }

  /** Per-thread working state. */
  private static final class Scratch {
    final Blake2s blake = new Blake2s(HASH_LENGTH);
    final byte[] pad = new byte[Blake2s.BLOCK_LENGTH];
    final byte[] inner = new byte[HASH_LENGTH];
    final byte[] result = new byte[HASH_LENGTH];
    final byte[] t0 = new byte[HASH_LENGTH];
    final byte[] t1 = new byte[HASH_LENGTH];
    final byte[] t2 = new byte[HASH_LENGTH];
    final byte[] t3 = new byte[HASH_LENGTH];
    final byte[] counter = new byte[1];
    final byte[][] outputs = {t1, t2, t3};
  }
}
