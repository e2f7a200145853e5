package io.portcullis.gateway.device;

import static io.portcullis.gateway.tun.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.conn.PacketBatch;
import io.portcullis.gateway.device.DeviceCounters.Stat;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.netlink.rtnl.RouteNetlink;
import io.portcullis.gateway.sys.NetworkNamespace;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LinuxTunPort} with offloads against the real kernel TCP stack, in a namespace of our own. The test plays
 * the peer 10.66.0.2 behind the TUN by hand: it answers the kernel's SYN, acknowledges what it reads, and sends
 * data as separate segments that the port coalesces. So it proves that the kernel hands out TSO super-packets the
 * splitter turns into valid segments (checked with the reference checksum), and that the kernel accepts the
 * coalesced GSO writes (the bytes arrive intact at a socket).
 */
class LinuxTunPortOffloadTest {
  private static final byte[] US = {10, 66, 0, 1}; // the kernel's side
  private static final byte[] PEER = {10, 66, 0, 2}; // played by the test
  private static final byte[] MSS_1360 = {2, 4, 0x05, 0x50};

  private NetworkNamespace ns;
  private LinuxTunPort port;
  private final DeviceCounters counters = new DeviceCounters();
  private final PacketBatch batch = new PacketBatch(Limits.BATCH_SIZE, Limits.HEADROOM, Limits.BUFFER_SIZE);
  private int ipId;

  @BeforeEach
  void createNamespace() throws Exception {
    ns = NetworkNamespace.create("tso");
  }

  @AfterEach
  void deleteNamespace() throws Exception {
    if (port != null) {
      port.close();
    }
    if (ns != null) {
      ns.close();
    }
  }

  private void openPort() throws Exception {
    port = LinuxTunPort.open("pctso0", true);
    port.counters(counters);
    try (RouteNetlink rtnl = RouteNetlink.open()) {
      int index = rtnl.linkIndex(port.name());
      rtnl.addAddress(index, IpPrefix.parse("10.66.0.1/24"));
      rtnl.setUp(index);
    }
    assertThat(port.offloadMode()).contains("TSO4/6");
  }

  /** The next IPv4 TCP packet from the kernel (skipping IPv6 chatter), within 5 s; checksums verified. */
  private byte[] nextTcp() throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (pendingIndex < pendingCount) {
        int i = pendingIndex++;
        byte[] p = Arrays.copyOfRange(batch.buffer(i), batch.offset(i), batch.offset(i) + batch.length(i));
        if ((p[0] & 0xf0) == 0x40 && p[9] == 6) {
          assertThat(ipv4HeaderChecksumValid(p)).isTrue();
          assertThat(l4ChecksumValid(p)).as("TCP checksum of a packet read").isTrue();
          assertThat(u16(p, 2)).isEqualTo(p.length).isLessThanOrEqualTo(1400);
          return p;
        }
        continue;
      }
      pendingCount = Math.max(0, port.read(batch));
      pendingIndex = 0;
    }
    throw new AssertionError("no TCP packet from the kernel in 5 s");
  }

  private int pendingIndex;
  private int pendingCount;

  /** Writes a TCP packet from the peer through the port (kept for coalescing until {@link #flush}). */
  private void send(int sport, int dport, long seq, long ack, int flags, byte[] options, byte[] data)
      throws Exception {
    byte[] p = ip(PEER, US, 6, ipId++, tcpHeader(sport, dport, seq, ack, flags, 65535, options), data);
    byte[] buf = new byte[16 + p.length];
    System.arraycopy(p, 0, buf, 16, p.length);
    port.write(buf, 16, p.length);
  }

  @Test
  void kernelTsoSuperPacketsAreSplitIntoValidSegments() throws Exception {
    byte[] data = new byte[300_000];
    new Random(1).nextBytes(data);
    ns.run(
        () -> {
          openPort();
          try (SocketChannel ch = SocketChannel.open()) {
            ch.configureBlocking(false);
            ch.connect(new InetSocketAddress("10.66.0.2", 5000));
            byte[] syn = nextTcp();
            assertThat(syn[20 + 13] & 0x3f).as("SYN").isEqualTo(0x02);
            int sport = u16(syn, 20);
            long theirSeq = u32(syn, 24) + 1;
            long ourSeq = 7000;
            send(5000, sport, ourSeq, theirSeq, 0x12, MSS_1360, new byte[0]);
            port.flush();
            ourSeq++;
            for (int i = 0; i < 500 && !ch.finishConnect(); i++) {
              Thread.sleep(10);
            }
            assertThat(ch.isConnected()).isTrue();
            ByteBuffer out = ByteBuffer.wrap(data);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (got.size() < data.length && System.nanoTime() < deadline) {
              ch.write(out);
              byte[] p = nextTcp();
              int headers = 20 + ((p[20 + 12] & 0xff) >>> 4) * 4;
              if (p.length > headers && u32(p, 24) == theirSeq) {
                got.write(p, headers, p.length - headers);
                theirSeq = (theirSeq + p.length - headers) & 0xffffffffL;
                send(5000, sport, ourSeq, theirSeq, 0x10, new byte[0], new byte[0]);
                port.flush();
              }
            }
            assertThat(got.toByteArray()).isEqualTo(data);
          }
          return null;
        });
    assertThat(counters.get(Stat.TUN_GSO_SPLITS)).as("super-packets read").isPositive();
    assertThat(counters.get(DropReason.TX_BAD_OFFLOAD_HEADER)).isZero();
  }

  @Test
  void coalescedWritesReachTheSocketIntact() throws Exception {
    byte[] data = new byte[40 * 1300 + 77];
    new Random(2).nextBytes(data);
    ns.run(
        () -> {
          openPort();
          try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("10.66.0.1", 6000));
            long ourSeq = 1_000_000;
            send(40000, 6000, ourSeq, 0, 0x02, MSS_1360, new byte[0]);
            port.flush();
            byte[] synAck = nextTcp();
            assertThat(synAck[20 + 13] & 0x3f).as("SYN-ACK").isEqualTo(0x12);
            long theirSeq = u32(synAck, 24) + 1;
            ourSeq++;
            send(40000, 6000, ourSeq, theirSeq, 0x10, new byte[0], new byte[0]);
            port.flush();
            SocketChannel accepted = null;
            for (int i = 0; i < 500 && accepted == null; i++) {
              server.configureBlocking(false);
              accepted = server.accept();
              Thread.sleep(accepted == null ? 10 : 0);
            }
            assertThat(accepted).isNotNull();
            try (SocketChannel ch = accepted) {
              for (int off = 0; off < data.length; off += 1300) {
                int n = Math.min(1300, data.length - off);
                int flags = off + n == data.length ? 0x18 : 0x10;
                send(40000, 6000, ourSeq + off, theirSeq, flags, new byte[0], Arrays.copyOfRange(data, off, off + n));
              }
              port.flush();
              ByteBuffer in = ByteBuffer.allocate(data.length);
              ch.configureBlocking(false);
              long deadline = System.nanoTime() + 5_000_000_000L;
              while (in.hasRemaining() && System.nanoTime() < deadline) {
                if (ch.read(in) == 0) {
                  Thread.sleep(5);
                }
              }
              assertThat(in.array()).isEqualTo(data);
            }
          }
          return null;
        });
    assertThat(counters.get(Stat.TUN_GRO_WRITES)).as("one super-packet").isEqualTo(1);
    assertThat(counters.get(Stat.TUN_GRO_SEGMENTS)).isEqualTo(41);
  }
}
