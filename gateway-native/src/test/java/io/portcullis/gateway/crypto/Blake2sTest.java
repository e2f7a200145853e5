package io.portcullis.gateway.crypto;

import static io.portcullis.gateway.crypto.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.junit.jupiter.api.Test;

/** BLAKE2s against the reference known answers, RFC 7693 Appendix B and BouncyCastle. */
class Blake2sTest {

  @Test
  void keyedKnownAnswersFromTheReferenceRepository() {
    String[] lines = Vectors.text("blake2s-kat.txt").split("\n");
    int checked = 0;
    String in = null, key = null;
    for (String line : lines) {
      String[] kv = line.split(":\\s*", 2);
      switch (kv[0]) {
        case "in" -> in = kv.length > 1 ? kv[1].trim() : "";
        case "key" -> key = kv[1].trim();
        case "hash" -> {
          byte[] msg = hex(in), k = hex(key);
          byte[] out = new byte[32];
          Blake2s.mac(out, 0, 32, k, 0, k.length, msg, 0, msg.length);
          assertThat(hex(out)).as("input of %d bytes", msg.length).isEqualTo(kv[1].trim());
          // The same through an instance, fed byte by byte.
          Blake2s b = new Blake2s(32, k, 0, k.length);
          for (int i = 0; i < msg.length; i++) {
            b.update(msg, i, 1);
          }
          b.doFinal(out, 0);
          assertThat(hex(out)).isEqualTo(kv[1].trim());
          checked++;
        }
        default -> { }
      }
    }
    assertThat(checked).isEqualTo(256);
  }

  @Test
  void rfc7693AppendixBAbc() {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[32];
    Blake2s.hash(out, 0, 32, abc, 0, 3);
    assertThat(hex(out)).isEqualTo("508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982");
  }

  @Test
  void matchesBouncyCastleForEveryLengthKeyAndSplit() {
    SplittableRandom random = new SplittableRandom(7693);
    for (int i = 0; i < 600; i++) {
      int outLen = 1 + random.nextInt(32);
      int keyLen = random.nextInt(33);
      byte[] key = ChaCha20Poly1305Test.bytes(random, keyLen);
      byte[] msg = ChaCha20Poly1305Test.bytes(random, i < 300 ? i : random.nextInt(1000));
      Blake2sDigest bc = new Blake2sDigest(keyLen == 0 ? null : key, outLen, null, null);
      bc.update(msg, 0, msg.length);
      byte[] want = new byte[outLen];
      bc.doFinal(want, 0);

      Blake2s ours = keyLen == 0 ? new Blake2s(outLen) : new Blake2s(outLen, key, 0, keyLen);
      int split = msg.length == 0 ? 0 : random.nextInt(msg.length + 1);
      ours.update(msg, 0, split).update(msg, split, msg.length - split);
      byte[] got = new byte[outLen + 2];
      ours.doFinal(got, 1);
      assertThat(hex(got)).startsWith("00").endsWith("00").contains(hex(want));
      // doFinal resets: the same instance gives the same answer again.
      ours.update(msg, 0, msg.length).doFinal(got, 1);
      assertThat(hex(got)).contains(hex(want));
    }
  }

  @Test
  void badLengthsAreRejected() {
    assertThatThrownBy(() -> new Blake2s(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Blake2s(33)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Blake2s(32, new byte[33], 0, 33)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Blake2s(32, new byte[1], 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
