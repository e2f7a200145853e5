package io.portcullis.core.domain.model.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatewayTokenTest {

  @Test
  void tokensAreRandomPrefixedAndHashedWithSha256() {
    GatewayToken a = GatewayToken.generate();
    GatewayToken b = GatewayToken.generate();
    assertThat(a.value()).startsWith("pgw_").hasSize(4 + 43).isNotEqualTo(b.value());
    assertThat(a.hash()).hasSize(64).matches("[0-9a-f]+").isNotEqualTo(b.hash());
    assertThat(a.toString()).doesNotContain(a.value().substring(4));
    // SHA-256("abc") from FIPS 180-2, appendix B.1
    assertThat(new GatewayToken("abc").hash())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
