package io.portcullis.core.domain.model.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.core.domain.model.network.Endpoint;
import io.portcullis.core.domain.model.shared.Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameTest {

  @ParameterizedTest
  @ValueSource(strings = {"alice", "a", "bob.smith", "x_y-z", "carol@example.com", "A1"})
  void acceptsLoginNames(String name) {
    assertThat(Username.of(name).value()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " alice", ".alice", "al ice", "al/ice", "ä"})
  void rejectsOthers(String name) {
    assertThatThrownBy(() -> Username.of(name)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void limitsLengths() {
    assertThat(Username.of("a".repeat(64))).isNotNull();
    assertThatThrownBy(() -> Username.of("a".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    assertThat(Name.of("  Office  ").value()).isEqualTo("Office");
    assertThatThrownBy(() -> Name.of("   ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Name.of("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Name.of("a\nb")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void checksEmailAndHosts() {
    assertThat(EmailAddress.of("a.b@example.org").value()).isEqualTo("a.b@example.org");
    assertThatThrownBy(() -> EmailAddress.of("no-at-sign")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EmailAddress.of("a@localhost")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Endpoint.checkHost("vpn-1.example.com")).isEqualTo("vpn-1.example.com");
    assertThatThrownBy(() -> Endpoint.checkHost("-bad.example")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Endpoint.checkHost("300.1.1.1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Endpoint("vpn.example.com", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Endpoint("vpn.example.com", 65536)).isInstanceOf(IllegalArgumentException.class);
  }
}
