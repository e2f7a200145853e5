package io.portcullis.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.conn.LoopbackNetwork;
import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.time.Clock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thousands of packets through two devices in bursts, so that batches are large and (with crypto workers) split
 * between two threads: every packet arrives, intact and in order, both ways, with nothing dropped.
 */
class BulkOrderTest {
  static final int PACKETS = 3000;

  @ParameterizedTest(name = "crypto workers {0}")
  @ValueSource(booleans = {true, false})
  void burstsArriveCompleteAndInOrder(boolean parallel) throws Exception {
    LoopbackNetwork net = new LoopbackNetwork();
    MemoryTun tunA = new MemoryTun("wga");
    MemoryTun tunB = new MemoryTun("wgb");
    try (UserspaceDevice a = UserspaceDevice.create("wga", tunA, net.newBind(), Clock.system(), parallel);
        UserspaceDevice b = UserspaceDevice.create("wgb", tunB, net.newBind(), Clock.system(), parallel)) {
      Key[] ka = TwoDevicesTest.keyPair();
      Key[] kb = TwoDevicesTest.keyPair();
      InetAddress lo = InetAddress.getLoopbackAddress();
      a.apply(
          new DeviceUpdate(
              Optional.of(ka[0]),
              OptionalInt.of(51101),
              OptionalInt.empty(),
              false,
              List.of(TwoDevicesTest.peer(kb[1], new InetSocketAddress(lo, 51102), "10.0.0.2/32"))));
      b.apply(
          new DeviceUpdate(
              Optional.of(kb[0]),
              OptionalInt.of(51102),
              OptionalInt.empty(),
              false,
              List.of(TwoDevicesTest.peer(ka[1], new InetSocketAddress(lo, 51101), "10.0.0.1/32"))));
      tunA.inject(packet("10.0.0.1", "10.0.0.2", -1));
      assertThat(tunB.take(5000)).as("first packet (after the handshake)").isNotNull();
      pump(tunA, tunB, "10.0.0.1", "10.0.0.2");
      pump(tunB, tunA, "10.0.0.2", "10.0.0.1");
      assertThat(a.counters().keySet().stream().filter(k -> k.startsWith("drop.")).map(a.counters()::get))
          .allMatch(v -> v == 0);
      assertThat(b.counters().keySet().stream().filter(k -> k.startsWith("drop.")).map(b.counters()::get))
          .allMatch(v -> v == 0);
    }
  }

  /** Injects bursts of 256 numbered packets of varied sizes and checks each arrives whole and in order. */
  private static void pump(MemoryTun from, MemoryTun to, String src, String dst) throws Exception {
    int next = 0;
    for (int sent = 0; sent < PACKETS; ) {
      for (int k = 0; k < 256 && sent < PACKETS; k++, sent++) {
        assertThat(from.inject(packet(src, dst, sent))).isTrue();
      }
      while (next < sent) {
        byte[] got = to.take(5000);
        assertThat(got).as("packet %d", next).isNotNull().isEqualTo(packet(src, dst, next));
        next++;
      }
    }
  }

  /** An IPv4/UDP packet whose size and content follow from {@code seq} (-1: a small one). */
  static byte[] packet(String src, String dst, int seq) throws Exception {
    int payload = seq < 0 ? 4 : 4 + (seq * 7919) % 1350;
    byte[] p = TwoDevicesTest.ipv4(src, dst, payload);
    p[28] = (byte) (seq >>> 24);
    p[29] = (byte) (seq >>> 16);
    p[30] = (byte) (seq >>> 8);
    p[31] = (byte) seq;
    for (int i = 32; i < p.length; i++) {
      p[i] = (byte) (seq * 31 + i);
    }
    return p;
  }
}
