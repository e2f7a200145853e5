package io.portcullis.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.gateway.crypto.Vectors.WycheproofCase;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every Wycheproof ChaCha20-Poly1305 and XChaCha20-Poly1305 case, sealed and opened with each engine. */
class WycheproofAeadTest {

  @AfterEach
  void defaultEngine() {
    ChaCha20Poly1305.useEngineOnThisThread(null);
  }

  @Test
  void chaCha20Poly1305() {
    List<WycheproofCase> cases = Vectors.wycheproof("wycheproof_chacha20_poly1305_test.json");
    for (ChaCha20Engine engine : ChaCha20Poly1305Test.engines().toList()) {
      ChaCha20Poly1305.useEngineOnThisThread(engine);
      int valid = run(cases, ChaCha20Poly1305.NONCE_LENGTH, false);
      assertThat(valid).as("valid cases checked").isGreaterThan(200);
    }
  }

  @Test
  void xChaCha20Poly1305() {
    List<WycheproofCase> cases = Vectors.wycheproof("wycheproof_xchacha20_poly1305_test.json");
    for (ChaCha20Engine engine : ChaCha20Poly1305Test.engines().toList()) {
      ChaCha20Poly1305.useEngineOnThisThread(engine);
      int valid = run(cases, XChaCha20Poly1305.NONCE_LENGTH, true);
      assertThat(valid).as("valid cases checked").isGreaterThan(200);
    }
  }

  /** Checks each case; returns how many valid ones sealed to the expected bytes. */
  private static int run(List<WycheproofCase> cases, int nonceLength, boolean extended) {
    int valid = 0;
    for (WycheproofCase c : cases) {
      byte[] key = c.bytes("key"), iv = c.bytes("iv"), aad = c.bytes("aad"), msg = c.bytes("msg");
      byte[] ct = c.bytes("ct"), tag = c.bytes("tag");
      byte[] sealed = new byte[ct.length + tag.length];
      System.arraycopy(ct, 0, sealed, 0, ct.length);
      System.arraycopy(tag, 0, sealed, ct.length, tag.length);
      if (iv.length != nonceLength) {
        assertThat(c.result()).as(c.toString()).isEqualTo("invalid");
        assertThatThrownBy(() -> open(extended, key, iv, sealed, aad, new byte[sealed.length]))
            .as(c.toString()).isInstanceOf(IllegalArgumentException.class);
        continue;
      }
      byte[] out = new byte[Math.max(0, sealed.length - 16)];
      Arrays.fill(out, (byte) 0x77);
      boolean opened = open(extended, key, iv, sealed, aad, out);
      if (c.result().equals("valid")) {
        assertThat(opened).as(c.toString()).isTrue();
        assertThat(out).as(c.toString()).isEqualTo(msg);
        byte[] mine = new byte[msg.length + 16];
        if (extended) {
          XChaCha20Poly1305.seal(key, iv, msg, 0, msg.length, aad, 0, aad.length, mine, 0);
        } else {
          ChaCha20Poly1305.seal(key, iv, msg, 0, msg.length, aad, 0, aad.length, mine, 0);
        }
        assertThat(mine).as(c.toString()).isEqualTo(sealed);
        valid++;
      } else {
        assertThat(opened).as(c.toString()).isFalse();
        byte[] untouched = new byte[out.length];
        Arrays.fill(untouched, (byte) 0x77);
        assertThat(out).as(c.toString()).isEqualTo(untouched);
      }
    }
    return valid;
  }

  private static boolean open(boolean extended, byte[] key, byte[] iv, byte[] sealed, byte[] aad, byte[] out) {
    return extended
        ? XChaCha20Poly1305.open(key, iv, sealed, 0, sealed.length, aad, 0, aad.length, out, 0)
        : ChaCha20Poly1305.open(key, iv, sealed, 0, sealed.length, aad, 0, aad.length, out, 0);
  }
}
