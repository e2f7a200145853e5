package io.portcullis.core.domain.model.wireguard;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A 32-byte Curve25519 key as WireGuard writes it: standard base64 with padding, 44 characters. Parsing is
 * strict (canonical base64 only) so that one key has exactly one spelling and the uniqueness constraint on
 * public keys cannot be dodged.
 */
public final class WireGuardKey {

  /** The length of a key in bytes. */
  public static final int KEY_LENGTH = 32;

  private final String base64;

  private WireGuardKey(String base64) {
    this.base64 = base64;
  }

  /** Parses a base64 key; rejects other lengths, non-canonical spellings and the all-zero key. */
  public static WireGuardKey parse(String base64) {
    Objects.requireNonNull(base64, "base64");
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a base64 WireGuard key");
    }
    if (raw.length != KEY_LENGTH) {
      throw new IllegalArgumentException("a WireGuard key is 32 bytes of base64, this is " + raw.length + " bytes");
    }
    if (!Base64.getEncoder().encodeToString(raw).equals(base64)) {
      throw new IllegalArgumentException("not a canonical base64 WireGuard key");
    }
    return of(raw);
  }

  /** The key with these 32 raw bytes. */
  public static WireGuardKey of(byte[] raw) {
    if (raw.length != KEY_LENGTH) {
      throw new IllegalArgumentException("a WireGuard key is 32 bytes, not " + raw.length);
    }
    boolean allZero = true;
    for (byte b : raw) {
      allZero &= b == 0;
    }
    if (allZero) {
      throw new IllegalArgumentException("the all-zero key is not a valid WireGuard key");
    }
    return new WireGuardKey(Base64.getEncoder().encodeToString(raw));
  }

  /** A copy of the raw bytes. */
  public byte[] bytes() {
    return Base64.getDecoder().decode(base64);
  }

  /** The base64 form, as wg(8) prints it. */
  public String base64() {
    return base64;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WireGuardKey other && base64.equals(other.base64);
  }

  @Override
  public int hashCode() {
    return base64.hashCode();
  }

  /** The base64 form; safe to log for public keys only. */
  @Override
  public String toString() {
    return base64;
  }

  /** Constant-shape comparison helper for tests and callers holding raw bytes. */
  public boolean matches(byte[] raw) {
    return Arrays.equals(bytes(), raw);
  }
}
