package io.portcullis.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.time.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HandshakeRateLimiterTest {

  @Test
  void burstThenSustainedRatePerSource() throws Exception {
    ManualClock clock = new ManualClock();
    HandshakeRateLimiter rl = new HandshakeRateLimiter(clock);
    InetAddress a = InetAddress.getByName("192.0.2.1");
    InetAddress b = InetAddress.getByName("192.0.2.2");
    int allowed = 0;
    for (int i = 0; i < 100; i++) {
      allowed += rl.allow(a) ? 1 : 0;
    }
    assertThat(allowed).isEqualTo(HandshakeRateLimiter.PACKETS_BURST);
    assertThat(rl.allow(b)).isTrue(); // other sources unaffected
    clock.advance(Duration.ofMillis(1000 / HandshakeRateLimiter.PACKETS_PER_SECOND));
    assertThat(rl.allow(a)).isTrue();
    assertThat(rl.allow(a)).isFalse();
    // over ten seconds at most 20/s plus the burst
    allowed = 0;
    for (int ms = 0; ms < 10_000; ms++) {
      clock.advance(Duration.ofMillis(1));
      allowed += rl.allow(a) ? 1 : 0;
    }
    assertThat(allowed).isBetween(199, 201);
  }

  @Test
  void ipv6SourcesShareTheirSlash64AndIdleEntriesExpire() throws Exception {
    ManualClock clock = new ManualClock();
    HandshakeRateLimiter rl = new HandshakeRateLimiter(clock);
    int allowed = 0;
    for (int i = 0; i < 50; i++) {
      allowed += rl.allow(InetAddress.getByName("2001:db8:1:2::" + Integer.toHexString(i + 1))) ? 1 : 0;
    }
    assertThat(allowed).isEqualTo(HandshakeRateLimiter.PACKETS_BURST);
    assertThat(rl.allow(InetAddress.getByName("2001:db8:1:3::1"))).isTrue();
    assertThat(rl.size()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(2));
    rl.allow(InetAddress.getByName("192.0.2.9"));
    assertThat(rl.size()).isEqualTo(1);
  }
}
