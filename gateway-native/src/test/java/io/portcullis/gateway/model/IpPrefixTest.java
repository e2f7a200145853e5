package io.portcullis.gateway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpPrefixTest {

  @ParameterizedTest
  @CsvSource({
    "10.0.0.1/24, 10.0.0.1/24, 10.0.0.0/24",
    "10.0.0.1, 10.0.0.1/32, 10.0.0.1/32",
    "0.0.0.0/0, 0.0.0.0/0, 0.0.0.0/0",
    "fd77:0:0:0:0:0:0:1/64, fd77::1/64, fd77::/64",
    "FD00:0000:0000:0001:0000:0000:0000:0000/48, fd00:0:0:1::/48, fd00::/48",
    "::/0, ::/0, ::/0",
    "::1, ::1/128, ::1/128",
    "2001:db8:0:0:1:0:0:1/128, 2001:db8::1:0:0:1/128, 2001:db8::1:0:0:1/128",
    "2001:db8:0:1:1:1:1:1/64, 2001:db8:0:1:1:1:1:1/64, 2001:db8:0:1::/64",
    "[fe80::1]/10, fe80::1/10, fe80::/10"
  })
  void parsesAndPrintsCanonically(String input, String printed, String masked) {
    IpPrefix prefix = IpPrefix.parse(input);
    assertThat(prefix).hasToString(printed);
    assertThat(prefix.masked()).hasToString(masked);
    assertThat(IpPrefix.parse(printed)).isEqualTo(prefix);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10.0.0", "10.0.0.256", "10.0.0.1/33", "fd00::/129", "host.example", "10.0.0.1/", "1.2.3.4/-1", "fd00::g"})
  void rejectsMalformed(String input) {
    assertThatThrownBy(() -> IpPrefix.parse(input)).isInstanceOf(IllegalArgumentException.class);
  }
}
