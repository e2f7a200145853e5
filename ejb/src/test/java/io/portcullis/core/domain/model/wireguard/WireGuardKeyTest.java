package io.portcullis.core.domain.model.wireguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireGuardKeyTest {

  @Test
  void roundTripsBase64() {
    String text = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";
    WireGuardKey key = WireGuardKey.parse(text);
    assertThat(key.base64()).isEqualTo(text);
    assertThat(key.bytes()).hasSize(32);
    assertThat(WireGuardKey.of(key.bytes())).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not base64!",
        "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg", // no padding
        "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dh=", // non-canonical last character
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", // all zero
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", // 33 bytes
        "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8D==", // 31 bytes
        " xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg="
      })
  void rejectsAnythingButACanonical32ByteKey(String text) {
    assertThatThrownBy(() -> WireGuardKey.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keyPairNeverPrintsThePrivateKey() {
    byte[] raw = new byte[32];
    raw[0] = 1;
    WireGuardKey secret = WireGuardKey.of(raw);
    raw[0] = 2;
    WireGuardKeyPair pair = new WireGuardKeyPair(secret, WireGuardKey.of(raw));
    assertThat(pair.toString()).doesNotContain(Base64.getEncoder().encodeToString(secret.bytes()));
  }
}
