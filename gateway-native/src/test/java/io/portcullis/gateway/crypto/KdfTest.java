package io.portcullis.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** HMAC-BLAKE2s and the WireGuard KDFs against a reference built from BouncyCastle's HMac and Blake2sDigest. */
class KdfTest {

  private static byte[] referenceHmac(byte[] key, byte[]... parts) {
    HMac mac = new HMac(new Blake2sDigest(256));
    mac.init(new KeyParameter(key));
    for (byte[] p : parts) {
      mac.update(p, 0, p.length);
    }
    byte[] out = new byte[32];
    mac.doFinal(out, 0);
    return out;
  }

  @Test
  void hmacMatchesBouncyCastleForShortAndLongKeys() {
    SplittableRandom random = new SplittableRandom(2104);
    for (int i = 0; i < 300; i++) {
      byte[] key = ChaCha20Poly1305Test.bytes(random, random.nextInt(150));
      byte[] msg = ChaCha20Poly1305Test.bytes(random, random.nextInt(300));
      int off = random.nextInt(5);
      byte[] buf = new byte[off + msg.length];
      System.arraycopy(msg, 0, buf, off, msg.length);
      byte[] out = new byte[32];
      Kdf.hmac(out, key, 0, key.length, buf, off, msg.length);
      assertThat(out).as("key %d bytes, message %d bytes", key.length, msg.length)
          .isEqualTo(referenceHmac(key, msg));
    }
  }

  @Test
  void kdf1To3FollowTheWireGuardPaper() {
    SplittableRandom random = new SplittableRandom(54);
    for (int i = 0; i < 100; i++) {
      byte[] ck = ChaCha20Poly1305Test.bytes(random, 32);
      byte[] input = ChaCha20Poly1305Test.bytes(random, random.nextInt(100));
      byte[] t0 = referenceHmac(ck, input);
      byte[] t1 = referenceHmac(t0, new byte[] {1});
      byte[] t2 = referenceHmac(t0, t1, new byte[] {2});
      byte[] t3 = referenceHmac(t0, t2, new byte[] {3});

      byte[] a = new byte[32], b = new byte[32], c = new byte[32];
      Kdf.kdf1(a, ck, input, 0, input.length);
      assertThat(a).isEqualTo(t1);
      Kdf.kdf2(a, b, ck, input, 0, input.length);
      assertThat(a).isEqualTo(t1);
      assertThat(b).isEqualTo(t2);
      Kdf.kdf3(a, b, c, ck, input, 0, input.length);
      assertThat(a).isEqualTo(t1);
      assertThat(b).isEqualTo(t2);
      assertThat(c).isEqualTo(t3);
    }
  }

  @Test
  void outputsMayAliasTheChainingKeyAndTheInput() {
    SplittableRandom random = new SplittableRandom(3);
    byte[] ck = ChaCha20Poly1305Test.bytes(random, 32);
    byte[] key = ChaCha20Poly1305Test.bytes(random, 32);
    byte[] t0 = referenceHmac(ck, key);
    byte[] t1 = referenceHmac(t0, new byte[] {1});
    byte[] t2 = referenceHmac(t0, t1, new byte[] {2});

    byte[] chain = ck.clone();
    byte[] k = key.clone();
    Kdf.kdf2(chain, k, chain, k, 0, 32); // as in the handshake: (C, k) = KDF2(C, ...)
    assertThat(chain).isEqualTo(t1);
    assertThat(k).isEqualTo(t2);

    byte[] same = ck.clone();
    Kdf.kdf1(same, same, same, 0, 32);
    assertThat(same).isEqualTo(referenceHmac(referenceHmac(ck, ck), new byte[] {1}));
    assertThat(Arrays.equals(same, ck)).isFalse();
  }
}
