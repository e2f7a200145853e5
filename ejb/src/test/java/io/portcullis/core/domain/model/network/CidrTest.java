package io.portcullis.core.domain.model.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

  @ParameterizedTest
  @CsvSource({
    "10.10.0.1/24, 10.10.0.0, 10.10.0.255, 256",
    "10.10.0.1/0, 0.0.0.0, 255.255.255.255, 4294967296",
    "10.10.0.1/1, 0.0.0.0, 127.255.255.255, 2147483648",
    "192.168.7.9/31, 192.168.7.8, 192.168.7.9, 2",
    "192.168.7.9/32, 192.168.7.9, 192.168.7.9, 1",
    "172.16.5.4/12, 172.16.0.0, 172.31.255.255, 1048576",
    "fd00:10::1/64, fd00:10::, fd00:10::ffff:ffff:ffff:ffff, 18446744073709551616",
    "fd00::1/0, ::, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 340282366920938463463374607431768211456",
    "fd00::1/127, fd00::, fd00::1, 2",
    "fd00::1/128, fd00::1, fd00::1, 1"
  })
  void computesRanges(String text, String first, String last, String size) {
    Cidr cidr = Cidr.parse(text);
    assertThat(cidr.networkAddress()).hasToString(first);
    assertThat(cidr.lastAddress()).hasToString(last);
    assertThat(cidr.size()).isEqualTo(new BigInteger(size));
    assertThat(cidr.network()).hasToString(first + "/" + cidr.prefixLength());
    assertThat(cidr.contains(cidr.networkAddress())).isTrue();
    assertThat(cidr.contains(cidr.lastAddress())).isTrue();
    assertThat(cidr.contains(cidr.address())).isTrue();
  }

  @Test
  void everyPrefixLengthOfBothFamilies() {
    IpAddress v4 = IpAddress.parse("203.0.113.77");
    for (int prefix = 0; prefix <= 32; prefix++) {
      Cidr cidr = new Cidr(v4, prefix);
      assertThat(cidr.size()).isEqualTo(BigInteger.TWO.pow(32 - prefix));
      assertThat(cidr.lastAddress().value().subtract(cidr.networkAddress().value()).add(BigInteger.ONE))
          .isEqualTo(cidr.size());
      assertThat(Cidr.parse(cidr.toString())).isEqualTo(cidr);
      if (prefix > 0) {
        // Just outside the range on both sides, when the address space has room there.
        BigInteger below = cidr.networkAddress().value().subtract(BigInteger.ONE);
        BigInteger above = cidr.lastAddress().value().add(BigInteger.ONE);
        if (below.signum() >= 0) {
          assertThat(cidr.contains(IpAddress.of(below, 32))).isFalse();
        }
        if (above.bitLength() <= 32) {
          assertThat(cidr.contains(IpAddress.of(above, 32))).isFalse();
        }
      }
    }
    IpAddress v6 = IpAddress.parse("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff");
    for (int prefix = 0; prefix <= 128; prefix++) {
      Cidr cidr = new Cidr(v6, prefix);
      assertThat(cidr.size()).isEqualTo(BigInteger.TWO.pow(128 - prefix));
      assertThat(cidr.network().isNetwork()).isTrue();
      assertThat(cidr.isNetwork()).isEqualTo(prefix == 128);
      assertThat(Cidr.parse(cidr.toString())).isEqualTo(cidr);
    }
  }

  @Test
  void overlapIsSymmetricAndFamilyAware() {
    Cidr a = Cidr.parse("10.0.0.0/16");
    Cidr b = Cidr.parse("10.0.200.1/24");
    Cidr c = Cidr.parse("10.1.0.0/16");
    assertThat(a.overlaps(b)).isTrue();
    assertThat(b.overlaps(a)).isTrue();
    assertThat(a.overlaps(c)).isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").overlaps(c)).isTrue();
    assertThat(Cidr.parse("::/0").overlaps(c)).isFalse();
    assertThat(Cidr.parse("fd00::/8").overlaps(Cidr.parse("fdff::1/128"))).isTrue();
    assertThat(Cidr.parse("fd00::/8").overlaps(Cidr.parse("fe00::/8"))).isFalse();
  }

  @Test
  void containsRejectsOtherFamily() {
    assertThat(Cidr.parse("0.0.0.0/0").contains(IpAddress.parse("::1"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "10.0.0.1/33", "10.0.0.1/-1", "10.0.0.1/", "10.0.0.1/2a", "fd00::/129", "host/24", "/24", "10.0.0.1/0024"})
  void rejectsBadNotation(String text) {
    assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
