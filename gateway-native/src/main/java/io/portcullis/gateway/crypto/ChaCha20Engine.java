package io.portcullis.gateway.crypto;

/**
 * One implementation of the ChaCha20 stream cipher (RFC 8439 §2.4,
 * https://www.rfc-editor.org/rfc/rfc8439#section-2.4).
 *
 * <p>{@link ChaCha20#engine()} picks one at class initialisation: {@link VectorChaCha20} when the Vector API is usable,
 * else {@link ScalarChaCha20}. Both produce identical output; tests run both against the same vectors.
 */
sealed interface ChaCha20Engine permits ScalarChaCha20, VectorChaCha20 {
  /**
   * XORs {@code len} bytes of keystream into {@code in[inOff..]}, writing to {@code out[outOff..]}.
   *
   * <p>The keystream starts at block {@code counter} of the stream for the eight key words {@code key} and the three
   * nonce words {@code n0, n1, n2} (little-endian words of the 12-byte nonce). {@code out} may be {@code in} at the
   * same offset. Thread-safe; allocates nothing.
   */
  void xor(int[] key, int counter, int n0, int n1, int n2, byte[] in, int inOff, byte[] out, int outOff, int len);

  /**
   * Writes block 0 for this key and nonce to {@code out} (16 words; at least the first eight, the Poly1305 key of RFC
   * 8439 §2.6, are set). An engine may keep the rest of what it computed for a following {@link #xor} from block 1
   * with the same key and nonce on the same thread; any other call discards it.
   */
  void polyKey(int[] key, int n0, int n1, int n2, int[] out);

  /** A short name for logs and benchmarks ("scalar", "vector-256", ...). */
  String name();
}
