package io.portcullis.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.conn.LoopbackNetwork;
import io.portcullis.gateway.crypto.X25519;
import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerUpdate;
import io.portcullis.gateway.time.Clock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ours against ours: two userspace devices over an in-memory network and in-memory TUNs. */
class TwoDevicesTest {
  static final SecureRandom RANDOM = new SecureRandom();

  LoopbackNetwork net;
  MemoryTun tunA;
  MemoryTun tunB;
  UserspaceDevice a;
  UserspaceDevice b;
  Key pubA;
  Key pubB;

  static Key[] keyPair() {
    byte[] priv = new byte[32];
    X25519.generatePrivateKey(priv, RANDOM);
    byte[] pub = new byte[32];
    X25519.publicKey(pub, priv);
    return new Key[] {Key.of(priv), Key.of(pub)};
  }

  static PeerUpdate peer(Key pub, InetSocketAddress ep, String... allowed) {
    return new PeerUpdate(
        pub,
        false,
        false,
        Optional.empty(),
        Optional.ofNullable(ep),
        OptionalInt.empty(),
        true,
        java.util.Arrays.stream(allowed).map(IpPrefix::parse).toList());
  }

  /** A minimal IPv4/UDP packet from {@code src} to {@code dst} with {@code payload} bytes. */
  static byte[] ipv4(String src, String dst, int payload) throws Exception {
    byte[] p = new byte[28 + payload];
    p[0] = 0x45;
    p[2] = (byte) (p.length >>> 8);
    p[3] = (byte) p.length;
    p[8] = 64;
    p[9] = 17;
    System.arraycopy(InetAddress.getByName(src).getAddress(), 0, p, 12, 4);
    System.arraycopy(InetAddress.getByName(dst).getAddress(), 0, p, 16, 4);
    for (int i = 28; i < p.length; i++) {
      p[i] = (byte) i;
    }
    return p;
  }

  @BeforeEach
  void up() throws Exception {
    net = new LoopbackNetwork();
    tunA = new MemoryTun("wga");
    tunB = new MemoryTun("wgb");
    a = UserspaceDevice.create("wga", tunA, net.newBind(), Clock.system());
    b = UserspaceDevice.create("wgb", tunB, net.newBind(), Clock.system());
    Key[] ka = keyPair();
    Key[] kb = keyPair();
    pubA = ka[1];
    pubB = kb[1];
    a.apply(new DeviceUpdate(Optional.of(ka[0]), OptionalInt.of(51001), OptionalInt.empty(), false, List.of()));
    b.apply(new DeviceUpdate(Optional.of(kb[0]), OptionalInt.of(51002), OptionalInt.empty(), false, List.of()));
    InetAddress lo = InetAddress.getLoopbackAddress();
    a.apply(
        new DeviceUpdate(
            Optional.empty(),
            OptionalInt.empty(),
            OptionalInt.empty(),
            false,
            List.of(peer(pubB, new InetSocketAddress(lo, 51002), "10.0.0.2/32"))));
    b.apply(
        new DeviceUpdate(
            Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), false, List.of(peer(pubA, null, "10.0.0.1/32"))));
  }

  @AfterEach
  void down() {
    a.close();
    b.close();
  }

  @Test
  void packetsFlowBothWaysAfterAHandshake() throws Exception {
    byte[] ping = ipv4("10.0.0.1", "10.0.0.2", 100);
    tunA.inject(ping);
    byte[] got = tunB.take(5000);
    assertThat(got).isEqualTo(ping);
    // b learned a's endpoint from the handshake and can answer
    byte[] pong = ipv4("10.0.0.2", "10.0.0.1", 1300);
    tunB.inject(pong);
    assertThat(tunA.take(5000)).isEqualTo(pong);
    for (int i = 0; i < 200; i++) {
      tunA.inject(ipv4("10.0.0.1", "10.0.0.2", i));
    }
    for (int i = 0; i < 200; i++) {
      assertThat(tunB.take(5000)).as("packet %d", i).hasSize(28 + i);
    }
    assertThat(a.counters()).containsEntry("stat.sessions_derived", 1L);
    assertThat(b.state().peers().get(0).lastHandshake()).isPresent();
    assertThat(a.state().peers().get(0).txBytes()).isGreaterThan(200 * 32L);
    assertThat(b.state().peers().get(0).rxBytes()).isEqualTo(a.state().peers().get(0).txBytes());
  }

  @Test
  void sourceOutsideAllowedIpsIsDroppedAndCounted() throws Exception {
    tunA.inject(ipv4("10.0.0.1", "10.0.0.2", 10));
    assertThat(tunB.take(5000)).isNotNull();
    tunA.inject(ipv4("10.9.9.9", "10.0.0.2", 10)); // spoofed inner source
    assertThat(tunB.take(300)).isNull();
    assertThat(b.counters()).containsEntry("drop.data_source_not_allowed", 1L);
  }

  @Test
  void noRouteIsCounted() throws Exception {
    tunA.inject(ipv4("10.0.0.1", "192.168.7.7", 10));
    Thread.sleep(200);
    assertThat(a.counters()).containsEntry("drop.tx_no_route", 1L);
  }

  @Test
  void replayedDatagramIsDropped() throws Exception {
    java.util.List<byte[]> captured = new java.util.concurrent.CopyOnWriteArrayList<>();
    net.filter(
        d -> {
          if (d[0] == 4 && d.length > 32) {
            captured.add(d.clone());
          }
          return true;
        });
    tunA.inject(ipv4("10.0.0.1", "10.0.0.2", 10));
    assertThat(tunB.take(5000)).isNotNull();
    Thread.sleep(50);
    byte[] data = captured.get(0);
    // inject the same datagram again from a's port
    net.newBind().open(0);
    var replayer = net.newBind();
    replayer.open(0);
    replayer.send(data, 0, data.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), 51002));
    assertThat(tunB.take(300)).isNull();
    assertThat(b.counters().get("drop.data_replayed")).isEqualTo(1L);
    // and the replay did not move b's endpoint for a
    assertThat(b.state().peers().get(0).endpoint().orElseThrow().getPort()).isEqualTo(51001);
  }

  @Test
  void removingThePeerStopsTraffic() throws Exception {
    tunA.inject(ipv4("10.0.0.1", "10.0.0.2", 10));
    assertThat(tunB.take(5000)).isNotNull();
    b.apply(
        new DeviceUpdate(
            Optional.empty(),
            OptionalInt.empty(),
            OptionalInt.empty(),
            false,
            List.of(
                new PeerUpdate(
                    pubA, true, false, Optional.empty(), Optional.empty(), OptionalInt.empty(), false, List.of()))));
    tunA.inject(ipv4("10.0.0.1", "10.0.0.2", 10));
    assertThat(tunB.take(300)).isNull();
    assertThat(b.state().peers()).isEmpty();
    assertThat(b.counters().get("drop.data_unknown_index")).isEqualTo(1L);
  }
}
