package io.portcullis.gateway.crypto;

import java.util.Objects;

/**
 * The ChaCha20-Poly1305 AEAD of RFC 8439 §2.8 (https://www.rfc-editor.org/rfc/rfc8439#section-2.8) over byte arrays
 * with offsets, as WireGuard's transport data messages and handshake fields use it.
 *
 * <p>Thread-safe: per-thread scratch state (key words, one Poly1305 instance) is reused, so steady-state calls
 * allocate nothing. The keystream comes from {@link ChaCha20#engine()}.
 */
public final class ChaCha20Poly1305 {
  /** Key length in bytes. */
  public static final int KEY_LENGTH = 32;
  /** Authentication tag length in bytes. */
  public static final int TAG_LENGTH = 16;
  /** RFC 8439 nonce length in bytes. */
  public static final int NONCE_LENGTH = 12;

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private ChaCha20Poly1305() {}

  /**
   * Encrypts {@code in[inOff..inOff+inLen)} with the WireGuard nonce (32 zero bits, then {@code counter} as 64-bit
   * little-endian) and writes the ciphertext and the 16-byte tag to {@code out[oOff..oOff+inLen+16)}. {@code out} may
   * be {@code in} at the same offset. {@code aad} may be null when {@code aLen == 0}.
   */
  public static void seal(byte[] key, long counter, byte[] in, int inOff, int inLen, byte[] aad, int aOff, int aLen,
      byte[] out, int oOff) {
    Scratch s = SCRATCH.get();
    ChaCha20.keyWords(key, 0, s.key);
    seal(s, 0, (int) counter, (int) (counter >>> 32), in, inOff, inLen, aad, aOff, aLen, out, oOff);
  }

  /**
   * Checks the tag at the end of {@code in[inOff..inOff+inLen)} (WireGuard nonce from {@code counter}) in constant time
   * and only then decrypts the {@code inLen - 16} bytes before it to {@code out[oOff..]}. Returns false, writing
   * nothing, when the tag does not match or {@code inLen < 16}. {@code out} may be {@code in} at the same offset.
   */
  public static boolean open(byte[] key, long counter, byte[] in, int inOff, int inLen, byte[] aad, int aOff,
      int aLen, byte[] out, int oOff) {
    Scratch s = SCRATCH.get();
    ChaCha20.keyWords(key, 0, s.key);
    return open(s, 0, (int) counter, (int) (counter >>> 32), in, inOff, inLen, aad, aOff, aLen, out, oOff);
  }

  /** {@link #seal(byte[], long, byte[], int, int, byte[], int, int, byte[], int)} with an explicit 12-byte nonce. */
  public static void seal(byte[] key, byte[] nonce12, byte[] in, int inOff, int inLen, byte[] aad, int aOff, int aLen,
      byte[] out, int oOff) {
    checkNonce(nonce12, NONCE_LENGTH);
    Scratch s = SCRATCH.get();
    ChaCha20.keyWords(key, 0, s.key);
    seal(s, ChaCha20.le32(nonce12, 0), ChaCha20.le32(nonce12, 4), ChaCha20.le32(nonce12, 8), in, inOff, inLen, aad,
        aOff, aLen, out, oOff);
  }

  /** {@link #open(byte[], long, byte[], int, int, byte[], int, int, byte[], int)} with an explicit 12-byte nonce. */
  public static boolean open(byte[] key, byte[] nonce12, byte[] in, int inOff, int inLen, byte[] aad, int aOff,
      int aLen, byte[] out, int oOff) {
    checkNonce(nonce12, NONCE_LENGTH);
    Scratch s = SCRATCH.get();
    ChaCha20.keyWords(key, 0, s.key);
    return open(s, ChaCha20.le32(nonce12, 0), ChaCha20.le32(nonce12, 4), ChaCha20.le32(nonce12, 8), in, inOff, inLen,
        aad, aOff, aLen, out, oOff);
  }

  static void checkNonce(byte[] nonce, int length) {
    if (nonce.length != length) {
      throw new IllegalArgumentException("nonce must have " + length + " bytes, not " + nonce.length);
    }
  }

  /** The per-thread scratch state; {@link XChaCha20Poly1305} fills {@code key} with its subkey. */
  static Scratch scratch() {
    return SCRATCH.get();
  }

  /** Seals with the key words already in {@code s.key}. */
  static void seal(Scratch s, int n0, int n1, int n2, byte[] in, int inOff, int inLen, byte[] aad, int aOff,
      int aLen, byte[] out, int oOff) {
    Objects.checkFromIndexSize(inOff, inLen, in.length);
    Objects.checkFromIndexSize(oOff, inLen + TAG_LENGTH, out.length);
    s.engine.polyKey(s.key, n0, n1, n2, s.block);
    s.poly.init(s.block);
    s.engine.xor(s.key, 1, n0, n1, n2, in, inOff, out, oOff, inLen);
    authenticate(s, aad, aOff, aLen, out, oOff, inLen);
    s.poly.finish(out, oOff + inLen);
  }

  /** Opens with the key words already in {@code s.key}. */
  static boolean open(Scratch s, int n0, int n1, int n2, byte[] in, int inOff, int inLen, byte[] aad, int aOff,
      int aLen, byte[] out, int oOff) {
    if (inLen < TAG_LENGTH) {
      return false;
    }
    int ctLen = inLen - TAG_LENGTH;
    Objects.checkFromIndexSize(inOff, inLen, in.length);
    Objects.checkFromIndexSize(oOff, ctLen, out.length);
    s.engine.polyKey(s.key, n0, n1, n2, s.block);
    s.poly.init(s.block);
    authenticate(s, aad, aOff, aLen, in, inOff, ctLen);
    s.poly.finish(s.tag, 0);
    if (!ConstantTime.equals(s.tag, 0, in, inOff + ctLen, TAG_LENGTH)) {
      return false;
    }
    s.engine.xor(s.key, 1, n0, n1, n2, in, inOff, out, oOff, ctLen);
    return true;
  }

  /** MACs aad || pad16 || ciphertext || pad16 || le64(aLen) || le64(ctLen). */
  private static void authenticate(Scratch s, byte[] aad, int aOff, int aLen, byte[] ct, int ctOff, int ctLen) {
    if (aLen > 0) {
      s.poly.updatePadded(aad, aOff, aLen);
    }
    s.poly.updatePaddedThenLengths(ct, ctOff, ctLen, aLen);
  }

  /**
   * Makes this thread's AEAD calls use {@code engine} ({@code null}: back to {@link ChaCha20#engine()}), so tests can
   * run both engines through the same vectors.
   */
  static void useEngineOnThisThread(ChaCha20Engine engine) {
    SCRATCH.get().engine = engine == null ? ChaCha20.engine() : engine;
  }

  /** Per-thread working state, allocated once per thread. */
  static final class Scratch {
    ChaCha20Engine engine = ChaCha20.engine();
    final int[] key = new int[8];
    final int[] block = new int[16];
    final byte[] tag = new byte[TAG_LENGTH];
    final Poly1305 poly = new Poly1305();
  }
}
