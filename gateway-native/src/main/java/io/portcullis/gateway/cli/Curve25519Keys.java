package io.portcullis.gateway.cli;

import io.portcullis.gateway.model.Key;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * Makes WireGuard keys the way {@code wg genkey}, {@code wg genpsk} and {@code wg pubkey} do, with the JDK's
 * X25519 (RFC 7748, https://www.rfc-editor.org/rfc/rfc7748): a public key is X25519(private, 9). Thread-safe.
 */
public final class Curve25519Keys {
  /** The u-coordinate of the Curve25519 base point (RFC 7748 section 4.1). */
  private static final BigInteger BASE_POINT_U = BigInteger.valueOf(9);

  private static final SecureRandom RANDOM = new SecureRandom();

  private Curve25519Keys() {}

  /** A fresh private key: 32 random bytes clamped as RFC 7748 section 5 decodes scalars. */
  public static Key generatePrivate() {
    byte[] k = new byte[Key.LENGTH];
    RANDOM.nextBytes(k);
    k[0] &= (byte) 248;
    k[31] &= 127;
    k[31] |= 64;
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
    try {
      KeyFactory factory = KeyFactory.getInstance("XDH");
      PrivateKey priv = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey.bytes()));
      PublicKey base = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BASE_POINT_U));
      KeyAgreement agreement = KeyAgreement.getInstance("XDH");
      agreement.init(priv);
      agreement.doPhase(base, true);
      return Key.of(agreement.generateSecret());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks X25519", e);
    }
  }
}
