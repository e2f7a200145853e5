package io.portcullis.core.domain.model.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.core.domain.model.user.User;
import io.portcullis.core.domain.model.user.Username;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void secretsAreRandomPrefixedAndStoredOnlyAsTheirSha256() throws Exception {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      ApiTokenSecret s = ApiTokenSecret.generate();
      assertThat(s.value()).matches("pct_[A-Za-z0-9_-]{43}");
      assertThat(seen.add(s.value())).isTrue();
      String expected = HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(s.value().getBytes(StandardCharsets.UTF_8)));
      assertThat(s.hash()).isEqualTo(expected);
      assertThat(s.shownPrefix()).isEqualTo(s.value().substring(0, 12));
      assertThat(s.toString()).doesNotContain(s.value().substring(4));
    }
    assertThat(ApiTokenSecret.looksLike("pct_x")).isTrue();
    assertThat(ApiTokenSecret.looksLike("eyJhbGciOi")).isFalse();
    assertThat(ApiTokenSecret.looksLike(null)).isFalse();
  }

  @Test
  void aTokenIsUsableUntilItExpiresOrIsRevoked() {
    ApiToken token = new ApiToken(new User(Username.of("alice"), T0), "ci", ApiTokenSecret.generate(), T0, T0.plusSeconds(3600));
    assertThat(token.usableAt(T0)).isTrue();
    assertThat(token.usableAt(T0.plusSeconds(3599))).isTrue();
    assertThat(token.usableAt(T0.plusSeconds(3600))).isFalse();
    token.revoke(T0.plusSeconds(10));
    token.revoke(T0.plusSeconds(20));
    assertThat(token.revokedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(token.usableAt(T0.plusSeconds(11))).isFalse();
  }

  @Test
  void lastUseIsWrittenAtMostOncePerGranularity() {
    ApiToken token = new ApiToken(new User(Username.of("bob"), T0), "ci", ApiTokenSecret.generate(), T0, T0.plusSeconds(86400));
    assertThat(token.lastUsedAt()).isNull();
    token.markUsed(T0.plusSeconds(1), 60);
    token.markUsed(T0.plusSeconds(30), 60);
    assertThat(token.lastUsedAt()).isEqualTo(T0.plusSeconds(1));
    token.markUsed(T0.plusSeconds(62), 60);
    assertThat(token.lastUsedAt()).isEqualTo(T0.plusSeconds(62));
  }

  @Test
  void aTokenMustExpireAfterItsCreation() {
    User u = new User(Username.of("carol"), T0);
    assertThatThrownBy(() -> new ApiToken(u, "x", ApiTokenSecret.generate(), T0, T0)).isInstanceOf(IllegalArgumentException.class);
  }
}
