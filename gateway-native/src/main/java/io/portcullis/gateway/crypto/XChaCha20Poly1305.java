package io.portcullis.gateway.crypto;

/**
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha-03, https://datatracker.ietf.org/doc/html/draft-irtf-cfrg-xchacha-03):
 * ChaCha20-Poly1305 under an HChaCha20 subkey with a 24-byte nonce; WireGuard encrypts its cookie replies with it.
 *
 * <p>Thread-safe and allocation-free in steady state, like {@link ChaCha20Poly1305}.
 */
public final class XChaCha20Poly1305 {
  /** Key length in bytes. */
  public static final int KEY_LENGTH = 32;
  /** Authentication tag length in bytes. */
  public static final int TAG_LENGTH = 16;
  /** Extended nonce length in bytes. */
  public static final int NONCE_LENGTH = 24;

  private XChaCha20Poly1305() {}

  /** Encrypts {@code in[inOff..inOff+inLen)} to ciphertext and tag at {@code out[oOff..]}; in place allowed. */
  public static void seal(byte[] key, byte[] nonce24, byte[] in, int inOff, int inLen, byte[] aad, int aOff, int aLen,
      byte[] out, int oOff) {
    ChaCha20Poly1305.Scratch s = subkey(key, nonce24);
    ChaCha20Poly1305.seal(s, 0, ChaCha20.le32(nonce24, 16), ChaCha20.le32(nonce24, 20), in, inOff, inLen, aad, aOff,
        aLen, out, oOff);
  }

  /** Verifies the tag in constant time, then decrypts; returns false and writes nothing on failure. */
  public static boolean open(byte[] key, byte[] nonce24, byte[] in, int inOff, int inLen, byte[] aad, int aOff,
      int aLen, byte[] out, int oOff) {
    ChaCha20Poly1305.Scratch s = subkey(key, nonce24);
    return ChaCha20Poly1305.open(s, 0, ChaCha20.le32(nonce24, 16), ChaCha20.le32(nonce24, 20), in, inOff, inLen, aad,
        aOff, aLen, out, oOff);
  }

  /** Puts HChaCha20(key, nonce[0..16)) into the scratch key words; the last 8 nonce bytes become the IETF nonce. */
  private static ChaCha20Poly1305.Scratch subkey(byte[] key, byte[] nonce24) {
    ChaCha20Poly1305.checkNonce(nonce24, NONCE_LENGTH);
    ChaCha20Poly1305.Scratch s = ChaCha20Poly1305.scratch();
    ChaCha20.keyWords(key, 0, s.block);
    ScalarChaCha20.hChaCha20(s.block, ChaCha20.le32(nonce24, 0), ChaCha20.le32(nonce24, 4),
        ChaCha20.le32(nonce24, 8), ChaCha20.le32(nonce24, 12), s.key);
    return s;
  }
}
