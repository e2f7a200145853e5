package io.portcullis.core.infrastructure.crypto;

import io.portcullis.core.domain.model.wireguard.KeyPairGenerator;
import io.portcullis.core.domain.model.wireguard.WireGuardKey;
import io.portcullis.core.domain.model.wireguard.WireGuardKeyPair;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Arrays;

/**
 * WireGuard key pairs from the JDK's X25519 (RFC 7748). The raw keys are the last 32 bytes of the encodings:
 * PKCS#8 wraps the private scalar in an OCTET STRING at the end, X.509 puts the public u-coordinate in the
 * BIT STRING at the end. wg(8) clamps the private scalar when it uses it, as X25519 itself does, so the
 * unclamped bytes give the same public key there.
 */
@ApplicationScoped
public class X25519KeyPairGenerator implements KeyPairGenerator {

  @Override
  public WireGuardKeyPair generate() {
    try {
      KeyPair pair = java.security.KeyPairGenerator.getInstance("X25519").generateKeyPair();
      byte[] privateEncoded = pair.getPrivate().getEncoded();
      byte[] publicEncoded = pair.getPublic().getEncoded();
      byte[] privateRaw = tail(privateEncoded);
      // Clamp as wg genkey does (RFC 7748 section 5); X25519 clamps before use, so the public key is unchanged.
      privateRaw[0] &= (byte) 248;
      privateRaw[31] = (byte) ((privateRaw[31] & 127) | 64);
      byte[] publicRaw = tail(publicEncoded);
      Arrays.fill(privateEncoded, (byte) 0);
      WireGuardKeyPair result = new WireGuardKeyPair(WireGuardKey.of(privateRaw), WireGuardKey.of(publicRaw));
      Arrays.fill(privateRaw, (byte) 0);
      return result;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no X25519 key pair generator", e);
    }
  }

  private static byte[] tail(byte[] encoded) {
    return Arrays.copyOfRange(encoded, encoded.length - WireGuardKey.KEY_LENGTH, encoded.length);
  }
}
