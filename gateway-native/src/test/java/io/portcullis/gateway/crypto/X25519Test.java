package io.portcullis.gateway.crypto;

import static io.portcullis.gateway.crypto.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.crypto.Vectors.WycheproofCase;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.SplittableRandom;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

/** X25519 against RFC 7748, Wycheproof, the JDK's XDH and BouncyCastle. */
class X25519Test {

  @Test
  void rfc7748Section52Vectors() {
    assertThat(mult("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
        "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"))
        .isEqualTo("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
    assertThat(mult("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
        "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"))
        .isEqualTo("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
  }

  @Test
  void rfc7748Section52IteratedOneAndOneThousandTimes() {
    byte[] k = new byte[32];
    byte[] u = new byte[32];
    k[0] = 9;
    u[0] = 9;
    byte[] next = new byte[32];
    for (int i = 1; i <= 1000; i++) {
      X25519.scalarMult(next, k, u);
      System.arraycopy(k, 0, u, 0, 32);
      System.arraycopy(next, 0, k, 0, 32);
      if (i == 1) {
        assertThat(hex(k)).isEqualTo("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
      }
    }
    assertThat(hex(k)).isEqualTo("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
  }

  @Test
  void rfc7748Section61DiffieHellman() {
    byte[] alice = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    byte[] bob = hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    byte[] alicePub = new byte[32];
    byte[] bobPub = new byte[32];
    X25519.publicKey(alicePub, alice);
    X25519.publicKey(bobPub, bob);
    assertThat(hex(alicePub)).isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    assertThat(hex(bobPub)).isEqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    byte[] s1 = new byte[32];
    byte[] s2 = new byte[32];
    assertThat(X25519.scalarMult(s1, alice, bobPub)).isTrue();
    assertThat(X25519.scalarMult(s2, bob, alicePub)).isTrue();
    assertThat(hex(s1)).isEqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    assertThat(s2).isEqualTo(s1);
  }

  @Test
  void wycheproof() {
    int count = 0;
    for (WycheproofCase c : Vectors.wycheproof("wycheproof_x25519_test.json")) {
      byte[] out = new byte[32];
      boolean nonZero = X25519.scalarMult(out, c.bytes("private"), c.bytes("public"));
      assertThat(hex(out)).as(c.toString()).isEqualTo(c.get("shared"));
      assertThat(nonZero).as(c.toString()).isEqualTo(!c.get("shared").equals("00".repeat(32)));
      count++;
    }
    assertThat(count).isEqualTo(518);
  }

  @Test
  void matchesTheJdkAndBouncyCastleOnRandomKeys() throws Exception {
    SplittableRandom random = new SplittableRandom(7748);
    KeyFactory kf = KeyFactory.getInstance("XDH");
    for (int i = 0; i < 200; i++) {
      byte[] priv = ChaCha20Poly1305Test.bytes(random, 32);
      byte[] point = ChaCha20Poly1305Test.bytes(random, 32);
      byte[] ours = new byte[32];
      X25519.scalarMult(ours, priv, point);

      byte[] bc = new byte[32];
      org.bouncycastle.math.ec.rfc7748.X25519.scalarMult(priv, 0, point, 0, bc, 0);
      assertThat(hex(ours)).isEqualTo(hex(bc));

      KeyAgreement ka = KeyAgreement.getInstance("XDH");
      ka.init(kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, priv)));
      byte[] u = point.clone();
      u[31] &= 127; // the JDK takes u as a number; RFC 7748 masks bit 255 first
      ka.doPhase(kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, littleEndian(u))), true);
      assertThat(hex(ours)).isEqualTo(hex(ka.generateSecret()));
    }
  }

  @Test
  void generatedPrivateKeysAreClampedAndTheirPublicKeysMatchBouncyCastle() {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 20; i++) {
      byte[] priv = new byte[32];
      X25519.generatePrivateKey(priv, random);
      assertThat(priv[0] & 7).isZero();
      assertThat(priv[31] & 0xc0).isEqualTo(0x40);
      byte[] pub = new byte[32];
      X25519.publicKey(pub, priv);
      byte[] bc = new byte[32];
      org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(priv, 0, bc, 0);
      assertThat(pub).isEqualTo(bc);
    }
  }

  @Test
  void scalarMultDoesNotChangeItsInputsAndMayWriteOverThem() {
    byte[] priv = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    byte[] copy = priv.clone();
    byte[] point = new byte[32];
    point[0] = 9;
    X25519.scalarMult(point, priv, point);
    assertThat(priv).isEqualTo(copy);
    assertThat(hex(point)).isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  }

  private static BigInteger littleEndian(byte[] b) {
    byte[] be = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      be[i] = b[b.length - 1 - i];
    }
    return new BigInteger(1, be);
  }

  private static String mult(String scalar, String point) {
    byte[] out = new byte[32];
    X25519.scalarMult(out, hex(scalar), hex(point));
    return hex(out);
  }
}
