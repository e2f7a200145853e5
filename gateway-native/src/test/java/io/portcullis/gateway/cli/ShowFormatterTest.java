package io.portcullis.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerState;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShowFormatterTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      1          | 1 second
      61         | 1 minute, 1 second
      3600       | 1 hour
      90061      | 1 day, 1 hour, 1 minute, 1 second
      31536000   | 1 year
      63072122   | 2 years, 2 minutes, 2 seconds
      """)
  void durations(long seconds, String text) {
    assertThat(ShowFormatter.duration(seconds)).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      0             | 0 B
      1023          | 1023 B
      1024          | 1.00 KiB
      1536          | 1.50 KiB
      1048576       | 1.00 MiB
      5368709120    | 5.00 GiB
      """)
  void byteCounts(long n, String text) {
    assertThat(ShowFormatter.bytes(n)).isEqualTo(text);
  }

  @Test
  void formatsLikeWgShow() {
    Key priv = Curve25519Keys.generatePrivate();
    Key a = Curve25519Keys.generatePreshared();
    Key b = Curve25519Keys.generatePreshared();
    Instant now = Instant.ofEpochSecond(1_000_000);
    PeerState older = new PeerState(a, Optional.of(b), Optional.of(new InetSocketAddress(
        IpPrefix.parseNumericAddress("192.0.2.1"), 51820)), 25, Optional.of(now.minusSeconds(65)), 2048, 100,
        List.of(IpPrefix.parse("10.0.0.2/32"), IpPrefix.parse("fd00::2/128")), 1);
    PeerState never = new PeerState(b, Optional.empty(), Optional.empty(), 0, Optional.empty(), 0, 0, List.of(), 1);
    PeerState recent = new PeerState(priv, Optional.empty(), Optional.empty(), 0, Optional.of(now), 0, 0,
        List.of(IpPrefix.parse("10.0.0.3/32")), 1);
    DeviceState s = new DeviceState("wg0", Optional.of(priv), Optional.of(Curve25519Keys.publicKey(priv)), 51820,
        0x20, List.of(never, older, recent));
    assertThat(ShowFormatter.format(s, now)).isEqualTo("""
        interface: wg0
          public key: %s
          private key: (hidden)
          listening port: 51820
          fwmark: 0x20

        peer: %s
          allowed ips: 10.0.0.3/32
          latest handshake: Now

        peer: %s
          preshared key: (hidden)
          endpoint: 192.0.2.1:51820
          allowed ips: 10.0.0.2/32, fd00::2/128
          latest handshake: 1 minute, 5 seconds ago
          transfer: 2.00 KiB received, 100 B sent
          persistent keepalive: every 25 seconds

        peer: %s
          allowed ips: (none)
        """.formatted(Curve25519Keys.publicKey(priv).toBase64(), priv.toBase64(), a.toBase64(), b.toBase64()));
  }
}
