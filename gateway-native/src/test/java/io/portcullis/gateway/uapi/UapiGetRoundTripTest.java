package io.portcullis.gateway.uapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Property: what {@link UapiGetWriter} writes, {@link UapiGetParser} reads back unchanged, for random states. */
class UapiGetRoundTripTest {

  @Test
  void randomStatesSurviveWriteThenParse() throws Exception {
    Random random = new Random(0x5eed);
    for (int i = 0; i < 300; i++) {
      DeviceState state = randomState(random);
      StringBuilder out = new StringBuilder();
      UapiGetWriter.write(state, out);
      List<String> lines = List.of(out.toString().split("\n"));
      DeviceState back = UapiGetParser.parse(state.name(), out.isEmpty() ? List.of() : lines);
      assertThat(back).isEqualTo(new DeviceState(state.name(), state.privateKey(), Optional.empty(),
          state.listenPort(), state.fwmark(), state.peers()));
    }
  }

  @Test
  void writesTheKeysInWireguardGoOrder() {
    Key k = key(new Random(1));
    PeerState peer = new PeerState(k, Optional.empty(),
        Optional.of(new InetSocketAddress(IpPrefix.parseNumericAddress("2001:db8::1"), 51820)), 25,
        Optional.of(Instant.ofEpochSecond(1700000000, 5)), 10, 20, List.of(IpPrefix.parse("10.0.0.2/32")), 1);
    StringBuilder out = new StringBuilder();
    UapiGetWriter.write(new DeviceState("wg0", Optional.of(k), Optional.empty(), 51820, 0, List.of(peer)), out);
    assertThat(out.toString()).isEqualTo(
        "private_key=" + k.toHex() + "\nlisten_port=51820\npublic_key=" + k.toHex() + "\npreshared_key="
            + "0".repeat(64) + "\nprotocol_version=1\nendpoint=[2001:db8:0:0:0:0:0:1]:51820\n"
            + "last_handshake_time_sec=1700000000\nlast_handshake_time_nsec=5\ntx_bytes=20\nrx_bytes=10\n"
            + "persistent_keepalive_interval=25\nallowed_ip=10.0.0.2/32\n");
  }

  static DeviceState randomState(Random r) throws Exception {
    List<PeerState> peers = new ArrayList<>();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      List<IpPrefix> ips = new ArrayList<>();
      int m = r.nextInt(4);
      for (int j = 0; j < m; j++) {
        ips.add(randomPrefix(r));
      }
      Optional<InetSocketAddress> ep = r.nextBoolean() ? Optional.empty()
          : Optional.of(new InetSocketAddress(randomAddress(r), 1 + r.nextInt(65535)));
      Optional<Instant> hs = r.nextBoolean() ? Optional.empty()
          : Optional.of(Instant.ofEpochSecond(1 + r.nextInt(2_000_000_000), r.nextInt(1_000_000_000)));
      peers.add(new PeerState(key(r), r.nextBoolean() ? Optional.of(key(r)) : Optional.empty(), ep,
          r.nextInt(65536), hs, r.nextLong() & Long.MAX_VALUE, r.nextLong(), ips, 1));
    }
    return new DeviceState("wg" + r.nextInt(10), r.nextBoolean() ? Optional.of(key(r)) : Optional.empty(),
        Optional.empty(), r.nextInt(65536), r.nextInt(), peers);
  }

  static Key key(Random r) {
    byte[] b = new byte[32];
    r.nextBytes(b);
    b[0] |= 1;
    return Key.of(b);
  }

  static InetAddress randomAddress(Random r) throws Exception {
    byte[] b = new byte[r.nextBoolean() ? 4 : 16];
    r.nextBytes(b);
    if (b.length == 16 && b[0] == 0) {
      b[0] = 0x20; // keep clear of the IPv4-compatible and mapped ranges, which Java prints as IPv4
    }
    return InetAddress.getByAddress(b);
  }

  static IpPrefix randomPrefix(Random r) throws Exception {
    InetAddress a = randomAddress(r);
    return new IpPrefix(a, r.nextInt(a.getAddress().length * 8 + 1));
  }
}
