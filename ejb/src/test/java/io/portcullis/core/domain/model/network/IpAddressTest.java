package io.portcullis.core.domain.model.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IpAddressTest {

  @ParameterizedTest
  @CsvSource({
    "0.0.0.0, 0.0.0.0",
    "255.255.255.255, 255.255.255.255",
    "10.1.2.3, 10.1.2.3",
    "::, ::",
    "::1, ::1",
    "FD00:0:0:0:0:0:0:1, fd00::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:0db8:0000:0000:0000:0000:0002:0001, 2001:db8::2:1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "1:0:0:2:0:0:0:3, 1:0:0:2::3",
    "::ffff:192.0.2.1, ::ffff:c000:201",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
  })
  void parsesAndPrintsCanonically(String text, String canonical) {
    IpAddress address = IpAddress.parse(text);
    assertThat(address.toString()).isEqualTo(canonical);
    assertThat(IpAddress.parse(canonical)).isEqualTo(address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.1.1.1", "1.2.3.-4", "a.b.c.d", "example.com",
        "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "g::", ":1:2", "1:2:3:4:5:6:7:8::", "fe80::1%eth0"
      })
  void rejectsNonLiterals(String text) {
    assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void agreesWithTheJdkOnRandomAddresses() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] raw = new byte[i % 2 == 0 ? 4 : 16];
      random.nextBytes(raw);
      if (raw.length == 16 && i % 3 == 0) {
        for (int j = 4 + random.nextInt(6); j < 12; j++) {
          raw[j] = 0; // runs of zero groups exercise the "::" rule
        }
      }
      InetAddress jdk = InetAddress.getByAddress(raw);
      IpAddress ours = IpAddress.parse(jdk.getHostAddress());
      assertThat(ours.value()).isEqualTo(new BigInteger(1, raw));
      assertThat(InetAddress.getByName(ours.toString())).isEqualTo(jdk);
    }
  }

  @Test
  void arithmeticStaysInsideTheFamily() {
    assertThat(IpAddress.parse("10.0.0.255").plus(1)).hasToString("10.0.1.0");
    assertThatThrownBy(() -> IpAddress.parse("255.255.255.255").plus(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpAddress.parse("::").plus(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(IpAddress.parse("10.0.0.1")).isLessThan(IpAddress.parse("10.0.0.2"));
  }
}
