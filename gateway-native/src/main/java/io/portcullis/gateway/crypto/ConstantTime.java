package io.portcullis.gateway.crypto;

/**
 * Comparisons whose running time depends only on the lengths involved, never on the bytes compared.
 *
 * <p>Used for authentication tags, MACs and Diffie-Hellman results, where an early exit would tell an attacker
 * how many leading bytes of a guess were right.
 */
public final class ConstantTime {
  private ConstantTime() {}

  /** Whether {@code a[aOff..aOff+len)} equals {@code b[bOff..bOff+len)}, looking at every byte. */
  public static boolean equals(byte[] a, int aOff, byte[] b, int bOff, int len) {
    java.util.Objects.checkFromIndexSize(aOff, len, a.length);
    java.util.Objects.checkFromIndexSize(bOff, len, b.length);
    int diff = 0;
    for (int i = 0; i < len; i++) {
      diff |= a[aOff + i] ^ b[bOff + i];
    }
    return isZeroWord(diff);
  }

  /** Whether {@code a[off..off+len)} is all zero bytes, looking at every byte. */
  public static boolean isZero(byte[] a, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, a.length);
    int acc = 0;
    for (int i = 0; i < len; i++) {
      acc |= a[off + i];
    }
    return isZeroWord(acc);
  }

  /** 1 if {@code x == 0}, else 0, without a branch on {@code x}. */
  static int isZeroBit(int x) {
    // (x | -x) has its sign bit set exactly when x != 0.
    return ((x | -x) >>> 31) ^ 1;
  }

  private static boolean isZeroWord(int x) {
    // The only branch is on the final one-bit verdict, which the caller learns anyway.
    return isZeroBit(x) == 1;
  }
}
