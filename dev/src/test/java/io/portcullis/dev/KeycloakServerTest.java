package io.portcullis.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KeycloakServerTest {

  @Test
  void placeholdersAreReplacedByJsonEscapedValues() {
    String out = KeycloakServer.substitute("{\"a\":\"${X}\",\"b\":\"/${X}/${Y}\"}", Map.of("X", "q\"\\z", "Y", "t\u0001"));
    assertThat(out).isEqualTo("{\"a\":\"q\\\"\\\\z\",\"b\":\"/q\\\"\\\\z/t\\u0001\"}");
  }

  @Test
  void anUnknownPlaceholderIsAnError() {
    assertThatThrownBy(() -> KeycloakServer.substitute("${NOPE}", Map.of())).hasMessageContaining("NOPE");
  }

  @Test
  void theProjectsRealmFileHasAValueForEveryPlaceholder() throws Exception {
    String realm = Files.readString(Path.of("../keycloak/portcullis-realm.json"));
    Map<String, String> values = new HashMap<>(KeycloakServer.realmVariablesFromEnvironment("http://127.0.0.1:8080"));
    String filled = KeycloakServer.substitute(realm, values);
    assertThat(filled).doesNotContain("${");
    Matcher m = Pattern.compile("\"realm\"\\s*:\\s*\"([^\"]+)\"").matcher(filled);
    assertThat(m.find()).isTrue();
    assertThat(filled).contains("\"clientId\": \"portcullis-api\"").contains("\"bearerOnly\": true")
        .contains("\"serviceAccountClientId\": \"portcullis-core\"");
  }
}
