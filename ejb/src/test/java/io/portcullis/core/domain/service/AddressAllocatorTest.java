package io.portcullis.core.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.core.domain.model.network.Cidr;
import io.portcullis.core.domain.model.network.IpAddress;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddressAllocatorTest {

  private static Optional<String> next(String pool, String... taken) {
    Set<IpAddress> set = new HashSet<>();
    for (String t : taken) {
      set.add(IpAddress.parse(t));
    }
    return AddressAllocator.lowestFree(Cidr.parse(pool), set).map(IpAddress::toString);
  }

  @Test
  void skipsNetworkAndGateway() {
    assertThat(next("10.0.0.1/24")).contains("10.0.0.2");
    assertThat(next("10.0.0.5/24")).contains("10.0.0.1");
    assertThat(next("10.0.0.1/24", "10.0.0.2", "10.0.0.4")).contains("10.0.0.3");
  }

  @Test
  void fillsAnIpv4PoolAndNeverHandsOutBroadcast() {
    Cidr pool = Cidr.parse("192.168.1.1/29"); // .0 network, .1 gateway, .7 broadcast: .2-.6 for devices
    Set<IpAddress> taken = new HashSet<>();
    List<String> handedOut = new java.util.ArrayList<>();
    Optional<IpAddress> next;
    while ((next = AddressAllocator.lowestFree(pool, taken)).isPresent()) {
      taken.add(next.get());
      handedOut.add(next.get().toString());
    }
    assertThat(handedOut).containsExactly("192.168.1.2", "192.168.1.3", "192.168.1.4", "192.168.1.5", "192.168.1.6");
    assertThat(AddressAllocator.capacity(pool)).isEqualTo(BigInteger.valueOf(5));
  }

  @Test
  void ipv6HasNoBroadcast() {
    assertThat(next("fd00::1/126", "fd00::2")).contains("fd00::3");
    assertThat(next("fd00::1/126", "fd00::2", "fd00::3")).isEmpty();
    assertThat(AddressAllocator.capacity(Cidr.parse("fd00::1/126"))).isEqualTo(BigInteger.TWO);
  }

  @Test
  void tinyPoolsHaveNoRoom() {
    assertThat(next("10.0.0.1/30")).contains("10.0.0.2");
    assertThat(next("10.0.0.1/30", "10.0.0.2")).isEmpty();
    assertThat(next("10.0.0.1/31")).isEmpty();
    assertThat(next("10.0.0.1/32")).isEmpty();
    assertThat(next("fd00::1/127")).isEmpty();
    assertThat(next("fd00::1/128")).isEmpty();
    assertThat(AddressAllocator.isAssignableGateway(Cidr.parse("10.0.0.0/24"))).isFalse();
    assertThat(AddressAllocator.isAssignableGateway(Cidr.parse("10.0.0.255/24"))).isFalse();
    assertThat(AddressAllocator.isAssignableGateway(Cidr.parse("fd00::ffff/112"))).isTrue();
  }

  @Test
  void hugePoolsWorkWithoutEnumeration() {
    assertThat(next("fd00:10::1/64")).contains("fd00:10::2");
    assertThat(next("10.0.0.1/8")).contains("10.0.0.2");
    assertThat(next("::1/0")).contains("::2");
  }

  @Test
  void assignabilityMatchesAllocation() {
    Cidr pool = Cidr.parse("10.9.8.1/28");
    for (int last = 0; last < 16; last++) {
      IpAddress a = IpAddress.parse("10.9.8." + last);
      boolean expected = last != 0 && last != 1 && last != 15;
      assertThat(AddressAllocator.isAssignable(pool, a)).as("10.9.8.%d", last).isEqualTo(expected);
    }
    assertThat(AddressAllocator.isAssignable(pool, IpAddress.parse("10.9.9.2"))).isFalse();
  }

  @Test
  void alwaysTheLowestFreeAgainstAReferenceScan() {
    Random random = new Random(7);
    Cidr pool = Cidr.parse("10.20.30.17/27"); // 10.20.30.0 - .31, gateway .17
    for (int round = 0; round < 500; round++) {
      Set<IpAddress> taken = new HashSet<>();
      for (int i = 1; i < 31; i++) {
        if (random.nextInt(3) != 0) {
          taken.add(IpAddress.parse("10.20.30." + i));
        }
      }
      Optional<IpAddress> reference = Optional.empty();
      for (int i = 1; i <= 30; i++) {
        IpAddress candidate = IpAddress.parse("10.20.30." + i);
        if (i != 17 && !taken.contains(candidate)) {
          reference = Optional.of(candidate);
          break;
        }
      }
      assertThat(AddressAllocator.lowestFree(pool, taken)).isEqualTo(reference);
    }
  }
}
