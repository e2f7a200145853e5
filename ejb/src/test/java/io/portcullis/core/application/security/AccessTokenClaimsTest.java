package io.portcullis.core.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.core.application.OidcIdentity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AccessTokenClaimsTest {

  private static String jwt(String payload) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
  }

  @Test
  void readsTheClaimsKeycloakPutsInAccessTokens() {
    OidcIdentity id = AccessTokenClaims.identity(jwt("""
        {"sub":"bc27","preferred_username":"admin","email":"a@example.org","given_name":"Ada","family_name":"L",
         "realm_access":{"roles":["admin","offline_access"]},"groups":["/portcullis-admin","/eng/ops"],"aud":"portcullis-api"}"""));
    assertThat(id.subject()).isEqualTo("bc27");
    assertThat(id.username()).isEqualTo("admin");
    assertThat(id.email()).isEqualTo("a@example.org");
    assertThat(id.firstName()).isEqualTo("Ada");
    assertThat(id.roles()).containsExactlyInAnyOrder("admin", "offline_access");
    assertThat(id.groups()).containsExactlyInAnyOrder("portcullis-admin", "ops");
  }

  @Test
  void optionalClaimsMayBeMissingOrOfTheWrongType() {
    OidcIdentity id = AccessTokenClaims.identity(jwt("{\"sub\":\"1\",\"preferred_username\":\"u\",\"email\":7,\"realm_access\":[]}"));
    assertThat(id.email()).isNull();
    assertThat(id.roles()).isEmpty();
    assertThat(id.groups()).isEmpty();
  }

  @Test
  void refusesTokensWithoutSubjectOrUsernameOrThatAreNotJws() {
    assertThatThrownBy(() -> AccessTokenClaims.identity(jwt("{\"sub\":\"1\"}"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessTokenClaims.identity("a.b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessTokenClaims.identity("a.%%%.c")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessTokenClaims.identity(jwt("[1,2]"))).isInstanceOf(IllegalArgumentException.class);
  }
}
