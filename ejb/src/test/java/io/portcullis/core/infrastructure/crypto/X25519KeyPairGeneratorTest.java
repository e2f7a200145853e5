package io.portcullis.core.infrastructure.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.portcullis.core.domain.model.wireguard.WireGuardKeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class X25519KeyPairGeneratorTest {

  private final X25519KeyPairGenerator generator = new X25519KeyPairGenerator();

  @Test
  void privateKeysAreClampedAndPairsDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      WireGuardKeyPair pair = generator.generate();
      byte[] secret = pair.privateKey().bytes();
      assertThat(secret[0] & 7).isZero();
      assertThat(secret[31] & 0x80).isZero();
      assertThat(secret[31] & 0x40).isEqualTo(0x40);
      assertThat(seen.add(pair.publicKey().base64())).isTrue();
    }
  }

  /** wg(8) derives the same public key from our private key: the raw-byte extraction is right. */
  @Test
  void matchesWgPubkey() throws IOException, InterruptedException {
    Path wg = Path.of("/usr/bin/wg");
    assumeTrue(Files.isExecutable(wg), "wg(8) is not installed");
    for (int i = 0; i < 5; i++) {
      WireGuardKeyPair pair = generator.generate();
      Process process = new ProcessBuilder(wg.toString(), "pubkey").redirectErrorStream(true).start();
      process.getOutputStream().write((pair.privateKey().base64() + "\n").getBytes(StandardCharsets.US_ASCII));
      process.getOutputStream().close();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
      String derived = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      assertThat(derived).isEqualTo(pair.publicKey().base64());
    }
  }
}
