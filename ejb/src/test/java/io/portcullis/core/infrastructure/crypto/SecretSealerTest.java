package io.portcullis.core.infrastructure.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSealerTest {

  @TempDir Path dir;

  private SecretSealer sealer(Path keyFile) {
    return new SecretSealer(SecretSealer.loadOrCreateKey(keyFile));
  }

  @Test
  void aSealedSecretOpensWithTheSameKeyAndShowsNothingOfItself() {
    SecretSealer sealer = sealer(dir.resolve("secrets.key"));
    String sealed = sealer.seal("correct horse battery staple");
    assertThat(sealed).startsWith(SecretSealer.PREFIX).doesNotContain("horse");
    assertThat(sealer.open(sealed)).contains("correct horse battery staple");
    assertThat(sealer.open(sealer.seal(""))).contains("");
    assertThat(sealer.open(sealer.seal("päss wörd ✓"))).contains("päss wörd ✓");
    assertThat(sealer.seal(null)).isNull();
    assertThat(sealer.open(null)).isEmpty();
  }

  @Test
  void everySealingUsesAFreshNonce() {
    SecretSealer sealer = sealer(dir.resolve("secrets.key"));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      assertThat(seen.add(sealer.seal("same"))).isTrue();
    }
  }

  @Test
  void theKeyFileIsCreatedPrivateOnceAndReused() throws Exception {
    Path file = dir.resolve("sub/secrets.key");
    String sealed = sealer(file).seal("kept");
    assertThat(Files.size(file)).isEqualTo(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(sealer(file).open(sealed)).contains("kept"); // a restarted server reads the same key
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file); // no temporary file left behind
    }
  }

  @Test
  void anotherKeyOrAnAlteredValueOpensToNothing() {
    String sealed = sealer(dir.resolve("a.key")).seal("secret");
    assertThat(sealer(dir.resolve("b.key")).open(sealed)).isEmpty();
    SecretSealer sealer = sealer(dir.resolve("a.key"));
    byte[] raw = Base64.getDecoder().decode(sealed.substring(SecretSealer.PREFIX.length()));
    raw[raw.length - 1] ^= 1;
    assertThat(sealer.open(SecretSealer.PREFIX + Base64.getEncoder().encodeToString(raw))).isEmpty();
    assertThat(sealer.open(SecretSealer.PREFIX + "not base64!")).isEmpty();
    assertThat(sealer.open(SecretSealer.PREFIX + "AAAA")).isEmpty();
  }

  @Test
  void aValueStoredBeforeSealingReadsAsItIs() {
    assertThat(sealer(dir.resolve("secrets.key")).open("plain-old")).contains("plain-old");
  }

  @Test
  void aKeyFileOfTheWrongSizeIsAClearError() throws Exception {
    Path file = Files.write(dir.resolve("short.key"), new byte[16]);
    assertThatThrownBy(() -> SecretSealer.loadOrCreateKey(file))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("must hold 32 bytes, it holds 16");
  }
}
