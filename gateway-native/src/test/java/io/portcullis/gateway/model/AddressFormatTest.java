package io.portcullis.gateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressFormatTest {

  @ParameterizedTest
  @CsvSource({
    "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "0:0:0:0:0:0:0:0, ::",
    "0:0:0:0:0:0:0:1, ::1",
    "fd00:0:0:0:0:0:0:0, fd00::",
    "2001:DB8::ABCD, 2001:db8::abcd",
    "10.0.0.1, 10.0.0.1",
  })
  void rfc5952Examples(String in, String out) {
    assertThat(IpPrefix.format(IpPrefix.parseNumericAddress(in))).isEqualTo(out);
  }

  @Test
  void parsesBackToTheSameAddress() throws Exception {
    Random r = new Random(3);
    for (int i = 0; i < 2000; i++) {
      byte[] b = new byte[16];
      for (int j = 0; j < 16; j++) {
        b[j] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : 0);
      }
      b[0] |= 0x20;
      InetAddress a = InetAddress.getByAddress(b);
      String text = IpPrefix.format(a);
      assertThat(IpPrefix.parseNumericAddress(text)).isEqualTo(a);
      assertThat(text).doesNotContain(":::").doesNotContainPattern("::.*::");
    }
  }
}
