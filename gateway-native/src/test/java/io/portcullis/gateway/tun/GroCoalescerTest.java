package io.portcullis.gateway.tun;

import static io.portcullis.gateway.tun.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link GroCoalescer}: runs of TCP segments become one super-packet whose virtio header and checksum a kernel
 * accepts (checked here by completing the checksum as the kernel does and verifying it with the reference sum,
 * then splitting it again), and everything that must not be joined is written alone and in order.
 */
class GroCoalescerTest {
  private static final byte[] TS = {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2};
  private static final int HEAD = 16; // free bytes in front of each packet, as the receive path leaves

  private final GroCoalescer gro = new GroCoalescer(64);
  private final List<byte[]> written = new ArrayList<>();

  /** One flow's segment {@code k} of {@code size} payload bytes. */
  private static byte[] seg(byte[] src, byte[] dst, int sport, long seq0, int k, int size, int flags, int seed) {
    byte[] data = new byte[size];
    new Random(seed * 1000L + k).nextBytes(data);
    return ip(src, dst, 6, 100 + k, tcpHeader(sport, 80, seq0 + (long) k * 1000, 9, flags, 300, TS), data);
  }

  private void add(byte[] packet) {
    byte[] buf = new byte[HEAD + packet.length];
    System.arraycopy(packet, 0, buf, HEAD, packet.length);
    gro.add(buf, HEAD, packet.length);
  }

  private void flush() throws Exception {
    gro.flush((b, off, len) -> written.add(Arrays.copyOfRange(b, off, off + len)));
  }

  /** The packet of a written record without its virtio header, checking that the header is all zero. */
  private static byte[] plain(byte[] record) {
    assertThat(Arrays.copyOf(record, VirtioNetHdr.SIZE)).as("plain header").containsOnly(0);
    return Arrays.copyOfRange(record, VirtioNetHdr.SIZE, record.length);
  }

  /** Completes a NEEDS_CSUM checksum as the kernel does, checks it with the reference, splits with the splitter. */
  private static List<byte[]> resplit(byte[] record) {
    assertThat(VirtioNetHdr.flags(record, 0)).isEqualTo(VirtioNetHdr.F_NEEDS_CSUM);
    byte[] p = Arrays.copyOfRange(record, VirtioNetHdr.SIZE, record.length);
    int start = VirtioNetHdr.csumStart(record, 0);
    int at = start + VirtioNetHdr.csumOffset(record, 0);
    byte[] completed = p.clone();
    put16(completed, at, reference(Arrays.copyOfRange(p, start, p.length)));
    assertThat(l4ChecksumValid(completed)).as("kernel-completed checksum").isTrue();
    if ((p[0] & 0xf0) == 0x40) {
      assertThat(ipv4HeaderChecksumValid(p)).isTrue();
      assertThat(u16(p, 2)).isEqualTo(p.length);
    } else {
      assertThat(u16(p, 4)).isEqualTo(p.length - 40);
    }
    assertThat(VirtioNetHdr.hdrLen(record, 0)).isEqualTo(start + 32);
    GsoSplitter s = new GsoSplitter();
    int n = s.prepare(record, 0, record.length, 65_535);
    assertThat(n).isPositive();
    List<byte[]> out = new ArrayList<>();
    byte[] buf = new byte[70_000];
    for (int k = 0; k < n; k++) {
      int len = s.segment(k, buf, 0);
      out.add(Arrays.copyOf(buf, len));
    }
    return out;
  }

  @Test
  void runOfSegmentsBecomesOneSuperPacketAndSplitsBackExactly() throws Exception {
    for (byte[][] a : new byte[][][] {{SRC4, DST4}, {SRC6, DST6}}) {
      written.clear();
      List<byte[]> in = new ArrayList<>();
      for (int k = 0; k < 20; k++) {
        int flags = k == 19 ? 0x18 : 0x10; // PSH on the last
        in.add(seg(a[0], a[1], 1000, 0xffffff00L, k, k == 19 ? 123 : 1000, flags, 1));
      }
      in.forEach(this::add);
      flush();
      assertThat(written).hasSize(1);
      byte[] rec = written.get(0);
      assertThat(VirtioNetHdr.gsoType(rec, 0))
          .isEqualTo(a[0].length == 4 ? VirtioNetHdr.GSO_TCPV4 : VirtioNetHdr.GSO_TCPV6);
      assertThat(VirtioNetHdr.gsoSize(rec, 0)).isEqualTo(1000);
      List<byte[]> back = resplit(rec);
      assertThat(back).hasSize(20);
      for (int k = 0; k < 20; k++) {
        assertThat(back.get(k)).as("segment %d", k).isEqualTo(in.get(k));
      }
      assertThat(gro.pending()).isZero();
    }
    assertThat(gro.superPackets()).isEqualTo(2);
    assertThat(gro.coalesced()).isEqualTo(40);
  }

  @Test
  void interleavedFlowsAreCoalescedSeparatelyInOrder() throws Exception {
    for (int k = 0; k < 6; k++) {
      add(seg(SRC4, DST4, 1000, 0, k, 1000, 0x10, 1));
      add(seg(SRC4, DST4, 2000, 5000, k, 1000, 0x10, 2));
      if (k == 2) {
        add(ip(SRC4, DST4, 17, 7, udpHeader(5, 6, 3), new byte[] {1, 2, 3})); // not TCP: alone
      }
    }
    flush();
    assertThat(written).hasSize(3);
    assertThat(resplit(written.get(0))).hasSize(6).allSatisfy(p -> assertThat(u16(p, 20)).isEqualTo(1000));
    assertThat(resplit(written.get(1))).hasSize(6).allSatisfy(p -> assertThat(u16(p, 20)).isEqualTo(2000));
    assertThat(plain(written.get(2))[9]).isEqualTo((byte) 17);
  }

  @Test
  void whatMustNotJoinIsWrittenAloneAndInOrder() throws Exception {
    // 0,1 join; 2 has a bad TCP checksum (alone); 3 follows 2's sequence, not 1's (new group); 4 joins 3;
    // 5 is a pure ACK (alone); 6 a gap (new group); 7 different options (new group); 8 SYN-flagged (alone).
    List<byte[]> in = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      in.add(seg(SRC4, DST4, 1000, 0, k, 1000, 0x10, 1));
    }
    in.get(2)[20 + 16] ^= 0x5a;
    in.add(ip(SRC4, DST4, 6, 105, tcpHeader(1000, 80, 5000, 9, 0x10, 300, TS), new byte[0]));
    in.add(seg(SRC4, DST4, 1000, 1000, 6, 1000, 0x10, 1)); // seq 7000: gap after 5000
    byte[] otherTs = TS.clone();
    otherTs[11] = 3;
    in.add(ip(SRC4, DST4, 6, 107, tcpHeader(1000, 80, 8000, 9, 0x10, 300, otherTs), new byte[1000]));
    in.add(ip(SRC4, DST4, 6, 108, tcpHeader(1000, 80, 9000, 9, 0x12, 300, TS), new byte[1000]));
    in.forEach(this::add);
    flush();
    assertThat(written).hasSize(7);
    assertThat(resplit(written.get(0))).containsExactly(in.get(0), in.get(1));
    assertThat(plain(written.get(1))).isEqualTo(in.get(2));
    assertThat(resplit(written.get(2))).containsExactly(in.get(3), in.get(4));
    for (int i = 3; i < 7; i++) {
      assertThat(plain(written.get(i))).isEqualTo(in.get(i + 2));
    }
  }

  @Test
  void groupEndsAtPshShortSegmentIdGapAndSizeLimit() throws Exception {
    // PSH on 1 ends the group; 3 is short, so 4 starts anew; 5's IPv4 id jumps; 6.. fill up to 64 KiB.
    List<byte[]> in = new ArrayList<>();
    in.add(seg(SRC4, DST4, 1, 0, 0, 1000, 0x10, 3));
    in.add(seg(SRC4, DST4, 1, 0, 1, 1000, 0x18, 3));
    in.add(seg(SRC4, DST4, 1, 0, 2, 1000, 0x10, 3));
    in.add(ip(SRC4, DST4, 6, 103, tcpHeader(1, 80, 3000, 9, 0x10, 300, TS), new byte[500]));
    in.add(ip(SRC4, DST4, 6, 104, tcpHeader(1, 80, 3500, 9, 0x10, 300, TS), new byte[500]));
    in.add(ip(SRC4, DST4, 6, 200, tcpHeader(1, 80, 4000, 9, 0x10, 300, TS), new byte[500]));
    in.forEach(this::add);
    flush();
    assertThat(written).hasSize(4);
    assertThat(resplit(written.get(0))).containsExactly(in.get(0), in.get(1));
    assertThat(resplit(written.get(1))).containsExactly(in.get(2), in.get(3));
    assertThat(plain(written.get(2))).isEqualTo(in.get(4));
    assertThat(plain(written.get(3))).isEqualTo(in.get(5));

    written.clear();
    GroCoalescer big = new GroCoalescer(64);
    int size = 1448;
    for (int k = 0; k < 50; k++) {
      byte[] p = seg(SRC6, DST6, 1, 0, k, size, 0x10, 4);
      // consecutive sequence numbers for this segment size
      put32(p, 40 + 4, (long) k * size);
      put16(p, 40 + 16, 0);
      put16(p, 40 + 16, reference(pseudo(SRC6, DST6, 6, p.length - 40), Arrays.copyOfRange(p, 40, p.length)));
      byte[] buf = new byte[HEAD + p.length];
      System.arraycopy(p, 0, buf, HEAD, p.length);
      big.add(buf, HEAD, p.length);
    }
    big.flush((b, off, len) -> written.add(Arrays.copyOfRange(b, off, off + len)));
    // 40 + 32 + 45 * 1448 = 65 232 fits; a 46th segment would not
    assertThat(written).hasSize(2);
    assertThat(written.get(0).length - VirtioNetHdr.SIZE).isEqualTo(72 + 45 * size).isLessThanOrEqualTo(65_535);
    assertThat(resplit(written.get(0))).hasSize(45);
    assertThat(resplit(written.get(1))).hasSize(5);
  }

  @Test
  void randomTrafficRoundTripsUnchanged() throws Exception {
    Random r = new Random(7);
    for (int round = 0; round < 200; round++) {
      written.clear();
      List<byte[]> in = new ArrayList<>();
      long[] seq = {0, 100_000, 200_000};
      int[] id = {0, 0, 0};
      int n = 1 + r.nextInt(40);
      for (int i = 0; i < n; i++) {
        int f = r.nextInt(3);
        boolean v6 = f == 2;
        int size = r.nextInt(10) == 0 ? r.nextInt(1400) : 1000;
        int flags = r.nextInt(12) == 0 ? 0x18 : r.nextInt(30) == 0 ? 0x11 : 0x10;
        byte[] data = new byte[size];
        r.nextBytes(data);
        byte[] p = ip(v6 ? SRC6 : SRC4, v6 ? DST6 : DST4, 6, id[f]++, tcpHeader(f, 80, seq[f], 1, flags, 9, TS), data);
        if (r.nextInt(25) == 0) {
          p[p.length - 1] ^= 1; // corrupted payload: checksum no longer verifies
        }
        seq[f] += r.nextInt(20) == 0 ? size + 1 : size;
        in.add(p);
        add(p);
      }
      flush();
      // Per flow, the packets that come out (split again) are the packets that went in, in order.
      for (int f = 0; f < 3; f++) {
        final int port = f;
        List<byte[]> sent = in.stream().filter(p -> srcPort(p) == port).toList();
        List<byte[]> got = new ArrayList<>();
        for (byte[] rec : written) {
          List<byte[]> ps = VirtioNetHdr.gsoType(rec, 0) == VirtioNetHdr.GSO_NONE ? List.of(plain(rec)) : resplit(rec);
          ps.stream().filter(p -> srcPort(p) == port).forEach(got::add);
        }
        assertThat(got).as("round %d flow %d", round, f).containsExactlyElementsOf(sent);
      }
    }
    assertThat(gro.superPackets()).isPositive();
  }

  private static int srcPort(byte[] p) {
    int l4 = (p[0] & 0xf0) == 0x40 ? 20 : 40;
    return u16(p, l4);
  }
}
