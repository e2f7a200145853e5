package io.portcullis.gateway.model;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A 32-byte WireGuard key (private, public or preshared), as `wg` prints it in base64 and UAPI speaks it in hex.
 *
 * <p>Instances are immutable; {@link #bytes()} returns a copy. Equality is constant-time.
 */
public final class Key {
  /** Length of every WireGuard key in bytes (Curve25519 scalars and points, preshared keys). */
  public static final int LENGTH = 32;

  private static final Key ZERO = new Key(new byte[LENGTH]);

  private final byte[] bytes;

  private Key(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of 32 bytes; anything else is an {@link IllegalArgumentException}. */
  public static Key of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "a WireGuard key has " + LENGTH + " bytes, not " + (bytes == null ? "none" : bytes.length));
    }
    return new Key(bytes.clone());
  }

  /** Parses the base64 form used by wg(8) and wg-quick files (44 characters, one '=' of padding). */
  public static Key fromBase64(String text) {
    if (text == null || text.length() != 44 || text.charAt(43) != '=' || text.charAt(42) == '=') {
      throw new IllegalArgumentException("not a base64 WireGuard key (44 characters ending in one '=')");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a base64 WireGuard key: " + e.getMessage());
    }
    return of(decoded);
  }

  /** Parses the lowercase hex form used by the UAPI protocol (64 hex digits). */
  public static Key fromHex(String text) {
    if (text == null || text.length() != 2 * LENGTH) {
      throw new IllegalArgumentException("not a hex WireGuard key (64 hex digits)");
    }
    try {
      return new Key(HexFormat.of().parseHex(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a hex WireGuard key: " + e.getMessage());
    }
  }

  /** The all-zero key, which UAPI uses to mean "no private key" or "no preshared key". */
  public static Key zero() {
    return ZERO;
  }

  /** Whether every byte is zero (constant time). */
  public boolean isZero() {
    int acc = 0;
    for (byte b : bytes) {
      acc |= b;
    }
    return acc == 0;
  }

  /** A copy of the 32 key bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the 32 key bytes into {@code dst} at {@code off} without allocating. */
  public void copyTo(byte[] dst, int off) {
    System.arraycopy(bytes, 0, dst, off, LENGTH);
  }

  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Key other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Never prints key material; shows only the first characters of the base64 form, as logs should. */
  @Override
  public String toString() {
    return "Key[" + toBase64().substring(0, 8) + "…]";
  }
}
