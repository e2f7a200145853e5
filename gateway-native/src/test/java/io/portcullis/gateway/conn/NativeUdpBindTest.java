package io.portcullis.gateway.conn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.gateway.sys.NetworkNamespace;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link NativeUdpBind} over real sockets inside a throw-away network namespace (loopback only): batches both
 * ways over IPv4 and IPv6, source addresses, the address cache, and close while a receiver waits.
 */
class NativeUdpBindTest {

  @Test
  void batchesGoBothWaysWithTheirSourcesOverIpv4AndIpv6() throws Exception {
    try (NetworkNamespace ns = NetworkNamespace.create("udpbind")) {
      ns.ip("link", "set", "lo", "up");
      ns.run(
          () -> {
            try (NativeUdpBind a = new NativeUdpBind(8);
                NativeUdpBind b = new NativeUdpBind(8)) {
              int pa = a.open(0);
              int pb = b.open(0);
              assertThat(pa).isPositive().isNotEqualTo(pb);
              for (String host : new String[] {"127.0.0.1", "::1"}) {
                InetSocketAddress toB = new InetSocketAddress(InetAddress.getByName(host), pb);
                PacketBatch out = new PacketBatch(20, 16, 2048);
                for (int i = 0; i < 20; i++) {
                  int len = 1 + i * 97;
                  Arrays.fill(out.buffer(i), 16, 16 + len, (byte) (i + 1));
                  out.set(i, 16, len);
                  out.address(i, toB);
                }
                a.send(out, 0, 20); // more than one receive batch, fewer than a send vector
                PacketBatch in = new PacketBatch(8, 0, 2048);
                int got = 0;
                InetSocketAddress firstSource = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (got < 20 && System.nanoTime() < deadline) {
                  int n = b.receive(in);
                  assertThat(n).isBetween(0, 8).isEqualTo(in.count());
                  for (int k = 0; k < n; k++) {
                    int i = got + k;
                    assertThat(in.length(k)).isEqualTo(1 + i * 97);
                    assertThat(in.offset(k)).isZero();
                    for (int j = 0; j < in.length(k); j++) {
                      assertThat(in.buffer(k)[j]).isEqualTo((byte) (i + 1));
                    }
                    InetSocketAddress src = in.address(k);
                    assertThat(src).isEqualTo(new InetSocketAddress(InetAddress.getByName(host), pa));
                    if (firstSource == null) {
                      firstSource = src;
                    }
                    assertThat(src).isSameAs(firstSource); // cached: no object per datagram
                  }
                  got += n;
                }
                assertThat(got).isEqualTo(20);
                // the answer goes back to the source as received, one datagram through the single send
                byte[] reply = {4, 0, 0, 0, 9};
                b.send(reply, 0, reply.length, firstSource);
                int n = 0;
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (n == 0 && System.nanoTime() < deadline) {
                  n = a.receive(in);
                }
                assertThat(n).isEqualTo(1);
                assertThat(Arrays.copyOf(in.buffer(0), in.length(0))).containsExactly(reply);
                assertThat(in.address(0).getPort()).isEqualTo(pb);
              }
              return null;
            }
          });
    }
  }

  /**
   * UDP GSO and GRO over loopback: runs of equal datagrams go out as one message and arrive as one, and are cut
   * apart again over several receive batches, in order, with their contents and sources; without offloads the
   * same traffic arrives the same way.
   */
  @Test
  void gsoAndGroCarryRunsOfDatagramsThatArriveIntactAndInOrder() throws Exception {
    try (NetworkNamespace ns = NetworkNamespace.create("udpgso")) {
      ns.ip("link", "set", "lo", "up");
      ns.run(
          () -> {
            for (boolean offload : new boolean[] {true, false}) {
              try (NativeUdpBind a = new NativeUdpBind(8, offload);
                  NativeUdpBind b = new NativeUdpBind(8, offload)) {
                int pa = a.open(0);
                int pb = b.open(0);
                assertThat(a.gso()).isEqualTo(offload);
                assertThat(b.gro()).isEqualTo(offload);
                for (String host : new String[] {"127.0.0.1", "::1"}) {
                  InetSocketAddress toB = new InetSocketAddress(InetAddress.getByName(host), pb);
                  int count = 100;
                  PacketBatch out = new PacketBatch(count, 16, 2048);
                  int[] sizes = new int[count];
                  for (int i = 0; i < count; i++) {
                    sizes[i] = i == 70 ? 300 : i == 99 ? 1 : 1400; // a short one ends a run
                    for (int j = 0; j < sizes[i]; j++) {
                      out.buffer(i)[16 + j] = (byte) (i * 31 + j);
                    }
                    out.set(i, 16, sizes[i]);
                    out.address(i, toB);
                  }
                  a.send(out, 0, count);
                  PacketBatch in = new PacketBatch(8, 0, 65_600);
                  int got = 0;
                  long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                  while (got < count && System.nanoTime() < deadline) {
                    int n = b.receive(in);
                    for (int k = 0; k < n; k++) {
                      int i = got + k;
                      assertThat(in.length(k)).as("datagram %d", i).isEqualTo(sizes[i]);
                      for (int j = 0; j < sizes[i]; j++) {
                        if (in.buffer(k)[j] != (byte) (i * 31 + j)) {
                          throw new AssertionError("datagram " + i + " differs at byte " + j);
                        }
                      }
                      assertThat(in.address(k)).isEqualTo(new InetSocketAddress(InetAddress.getByName(host), pa));
                    }
                    got += n;
                  }
                  assertThat(got).isEqualTo(count);
                }
                if (offload) {
                  assertThat(a.gsoMessages()).as("GSO messages sent").isGreaterThanOrEqualTo(6);
                  assertThat(b.groMessages()).as("GRO messages received").isPositive();
                } else {
                  assertThat(a.gsoMessages()).isZero();
                  assertThat(b.groMessages()).isZero();
                }
              }
            }
            return null;
          });
    }
  }

  @Test
  void idleReceiveReturnsZeroAndCloseWakesAWaitingReceiver() throws Exception {
    try (NetworkNamespace ns = NetworkNamespace.create("udpbind")) {
      ns.ip("link", "set", "lo", "up");
      NativeUdpBind bind = ns.run(() -> new NativeUdpBind(4));
      assertThat(bind.receive(new PacketBatch(4, 0, 2048))).isEqualTo(-1); // not open yet
      ns.run(() -> bind.open(0));
      PacketBatch in = new PacketBatch(4, 0, 2048);
      long t0 = System.nanoTime();
      assertThat(bind.receive(in)).isZero();
      assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(2));
      CompletableFuture<Integer> waiting =
          CompletableFuture.supplyAsync(
              () -> {
                int r = 0;
                try {
                  for (int i = 0; i < 100 && r >= 0; i++) {
                    r = bind.receive(in);
                  }
                } catch (Exception e) {
                  return -2;
                }
                return r;
              });
      Thread.sleep(150);
      bind.close();
      assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
      assertThat(bind.port()).isZero();
    }
  }

  @Test
  void anOversizedDatagramIsReportedAndTheRestOfTheBatchStillGoes() throws Exception {
    try (NetworkNamespace ns = NetworkNamespace.create("udpbind")) {
      ns.ip("link", "set", "lo", "up");
      ns.run(
          () -> {
            try (NativeUdpBind a = new NativeUdpBind(4);
                NativeUdpBind b = new NativeUdpBind(4)) {
              a.open(0);
              InetSocketAddress toB = new InetSocketAddress(InetAddress.getLoopbackAddress(), b.open(0));
              PacketBatch out = new PacketBatch(3, 0, 70_000);
              int[] lengths = {100, 66_000, 200};
              for (int i = 0; i < 3; i++) {
                out.set(i, 0, lengths[i]);
                out.address(i, toB);
              }
              assertThatThrownBy(() -> a.send(out, 0, 3))
                  .isInstanceOf(java.io.IOException.class)
                  .hasMessageContaining("1 datagram(s)");
              PacketBatch in = new PacketBatch(4, 0, 2048);
              int got = 0;
              int[] seen = new int[2];
              for (int i = 0; i < 50 && got < 2; i++) {
                int n = b.receive(in);
                for (int k = 0; k < n; k++) {
                  seen[got + k] = in.length(k);
                }
                got += Math.max(n, 0);
              }
              assertThat(seen).containsExactly(100, 200);
              return null;
            }
          });
    }
  }

  @Test
  void reopeningOnAnotherPortKeepsReceiving() throws Exception {
    try (NetworkNamespace ns = NetworkNamespace.create("udpbind")) {
      ns.ip("link", "set", "lo", "up");
      ns.run(
          () -> {
            try (NativeUdpBind a = new NativeUdpBind(4);
                NativeUdpBind b = new NativeUdpBind(4)) {
              a.open(0);
              int first = b.open(0);
              int second = b.open(0);
              assertThat(b.port()).isEqualTo(second);
              byte[] msg = {1, 2, 3};
              a.send(msg, 0, 3, new InetSocketAddress(InetAddress.getLoopbackAddress(), second));
              PacketBatch in = new PacketBatch(4, 0, 2048);
              int n = 0;
              for (int i = 0; i < 50 && n == 0; i++) {
                n = b.receive(in);
              }
              assertThat(n).isEqualTo(1);
              assertThat(first).isPositive();
              return null;
            }
          });
    }
  }
}
