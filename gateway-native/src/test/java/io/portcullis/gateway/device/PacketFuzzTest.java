package io.portcullis.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.conn.Bind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Bounded random mutation of valid packets of every type (initiation, response, data, keepalive, and forged
 * cookie replies) sent at a live device: nothing may throw out of the packet path, every mutant is dropped and
 * counted (or, rarely, still valid), and the tunnel keeps working afterwards.
 */
class PacketFuzzTest extends TwoDevicesTest {
  static final int MUTANTS = 6000;

  @Test
  void mutatedPacketsAreDroppedAndCountedNeverCrash() throws Exception {
    List<byte[]> seeds = new CopyOnWriteArrayList<>();
    net.filter(
        d -> {
          if (seeds.size() < 64) {
            seeds.add(d.clone());
          }
          return true;
        });
    tunA.inject(ipv4("10.0.0.1", "10.0.0.2", 64));
    assertThat(tunB.take(5000)).isNotNull();
    tunB.inject(ipv4("10.0.0.2", "10.0.0.1", 64));
    assertThat(tunA.take(5000)).isNotNull();
    Thread.sleep(100);
    net.filter(d -> true);
    byte[] cookie = new byte[64];
    cookie[0] = 3;
    seeds.add(cookie);
    assertThat(seeds).extracting(s -> s[0]).contains((byte) 1, (byte) 2, (byte) 4);

    Bind attacker = net.newBind();
    attacker.open(0);
    InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), 51002);
    Random r = new Random(1234);
    for (int i = 0; i < MUTANTS; i++) {
      byte[] seed = seeds.get(r.nextInt(seeds.size()));
      byte[] m = mutate(seed, r);
      attacker.send(m, 0, m.length, target);
      if (i % 500 == 0) {
        Thread.sleep(20); // let the bounded queues drain
      }
    }
    Thread.sleep(1000);
    long drops =
        b.counters().entrySet().stream()
            .filter(e -> e.getKey().startsWith("drop."))
            .mapToLong(java.util.Map.Entry::getValue)
            .sum();
    assertThat(b.counters().get("stat.errors")).isZero();
    assertThat(drops).isGreaterThan(MUTANTS * 9L / 10);
    // the tunnel still works in both directions
    tunA.inject(ipv4("10.0.0.1", "10.0.0.2", 99));
    assertThat(tunB.take(5000)).hasSize(28 + 99);
  }

  static byte[] mutate(byte[] seed, Random r) {
    byte[] m;
    switch (r.nextInt(5)) {
      case 0 -> m = java.util.Arrays.copyOf(seed, r.nextInt(seed.length + 1)); // truncate
      case 1 -> m = java.util.Arrays.copyOf(seed, seed.length + 1 + r.nextInt(64)); // extend
      case 2 -> {
        m = seed.clone();
        m[r.nextInt(4)] = (byte) r.nextInt(256); // header / reserved bytes
      }
      default -> {
        m = seed.clone();
        for (int k = 1 + r.nextInt(4); k > 0 && m.length > 0; k--) {
          m[r.nextInt(m.length)] ^= (byte) (1 + r.nextInt(255));
        }
      }
    }
    return m;
  }
}
