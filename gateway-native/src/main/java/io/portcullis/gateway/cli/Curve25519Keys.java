package io.portcullis.gateway.cli;

import io.portcullis.gateway.crypto.X25519;
import io.portcullis.gateway.model.Key;
import java.security.SecureRandom;

/**
 * Makes WireGuard keys the way {@code wg genkey}, {@code wg genpsk} and {@code wg pubkey} do, with the gateway's
 * own X25519 ({@link X25519}, RFC 7748): a public key is X25519(private, 9). Thread-safe.
 */
public final class Curve25519Keys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Curve25519Keys() {}

  /** A fresh private key: 32 random bytes clamped as RFC 7748 section 5 decodes scalars. */
  public static Key generatePrivate() {
    byte[] k = new byte[Key.LENGTH];
    X25519.generatePrivateKey(k, RANDOM);
    return Key.of(k);
  }

  /** A fresh preshared key: 32 random bytes. */
  public static Key generatePreshared() {
    byte[] k = new byte[Key.LENGTH];
    RANDOM.nextBytes(k);
    return Key.of(k);
  }

  /** The public key of {@code privateKey} (clamping applies, so unclamped input gives wg's answer too). */
  public static Key publicKey(Key privateKey) {
    byte[] pub = new byte[Key.LENGTH];
    X25519.publicKey(pub, privateKey.bytes());
    return Key.of(pub);
  }
}
