package io.portcullis.gateway.tun;

import static io.portcullis.gateway.tun.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link GsoSplitter} against packets built and checked with a straightforward reference checksum: TSO and USO
 * super-packets over IPv4 and IPv6 at edge sizes, checksum completion of single packets, and malformed headers.
 */
class GsoSplitterTest {
  private static final int MAX_SEGMENT = 65_535;
  /** Timestamps option (NOP NOP TS) as Linux sends it. */
  private static final byte[] TS_OPTION = {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2};

  private static byte[] payload(int n, long seed) {
    byte[] p = new byte[n];
    new Random(seed).nextBytes(p);
    return p;
  }

  private static List<byte[]> split(byte[] read) {
    GsoSplitter s = new GsoSplitter();
    int n = s.prepare(read, 0, read.length, MAX_SEGMENT);
    assertThat(n).as("accepted").isPositive();
    List<byte[]> out = new ArrayList<>();
    byte[] buf = new byte[70_000];
    for (int k = 0; k < n; k++) {
      int len = s.segment(k, buf, 7);
      out.add(Arrays.copyOfRange(buf, 7, 7 + len));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 1367, 1368, 1369, 2 * 1368, 10 * 1368 + 5, 65_535 - 52})
  void tcpV4SuperPacketSplitsIntoValidSegments(int payloadLen) {
    checkTcp(SRC4, DST4, payloadLen, 1368, VirtioNetHdr.GSO_TCPV4);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 1348, 1349, 3 * 1348, 65_535 - 72})
  void tcpV6SuperPacketSplitsIntoValidSegments(int payloadLen) {
    checkTcp(SRC6, DST6, payloadLen, 1348, VirtioNetHdr.GSO_TCPV6);
  }

  @Test
  void tinyGsoSizeGivesManySegments() {
    checkTcp(SRC4, DST4, 1000, 7, VirtioNetHdr.GSO_TCPV4);
  }

  private void checkTcp(byte[] src, byte[] dst, int payloadLen, int gso, int type) {
    byte[] data = payload(payloadLen, payloadLen);
    long seq = 0xfffff000L; // wraps around inside the packet
    int flags = 0x10 | 0x08 | 0x01 | 0x80; // ACK PSH FIN CWR
    byte[] packet = ip(src, dst, 6, 0xfffe, tcpHeader(40000, 5201, seq, 77, flags, 500, TS_OPTION), data);
    List<byte[]> segs = split(offloaded(packet, type, gso));
    int headers = (src.length == 4 ? 20 : 40) + 32;
    assertThat(segs).hasSize((payloadLen + gso - 1) / gso);
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (int k = 0; k < segs.size(); k++) {
      byte[] s = segs.get(k);
      int l4 = src.length == 4 ? 20 : 40;
      int expected = Math.min(gso, payloadLen - k * gso);
      assertThat(s.length).isEqualTo(headers + expected);
      if (src.length == 4) {
        assertThat(u16(s, 2)).isEqualTo(s.length);
        assertThat(u16(s, 4)).as("IPv4 id").isEqualTo((0xfffe + k) & 0xffff);
        assertThat(ipv4HeaderChecksumValid(s)).isTrue();
      } else {
        assertThat(u16(s, 4)).isEqualTo(s.length - 40);
      }
      assertThat(u32(s, l4 + 4)).isEqualTo((seq + (long) k * gso) & 0xffffffffL);
      int f = s[l4 + 13] & 0xff;
      boolean last = k == segs.size() - 1;
      assertThat((f & 0x09) != 0).as("FIN/PSH only on the last").isEqualTo(last);
      assertThat((f & 0x80) != 0).as("CWR only on the first").isEqualTo(k == 0);
      assertThat(f & 0x10).isEqualTo(0x10);
      assertThat(Arrays.copyOfRange(s, l4 + 20, l4 + 32)).isEqualTo(TS_OPTION);
      assertThat(l4ChecksumValid(s)).as("TCP checksum of segment %d", k).isTrue();
      joined.write(s, headers, s.length - headers);
    }
    assertThat(joined.toByteArray()).isEqualTo(data);
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 16})
  void udpSuperPacketSplitsIntoDatagrams(int addrLen) {
    byte[] src = addrLen == 4 ? SRC4 : SRC6;
    byte[] dst = addrLen == 4 ? DST4 : DST6;
    byte[] data = payload(5000, 3);
    byte[] packet = ip(src, dst, 17, 9, udpHeader(4433, 443, data.length), data);
    List<byte[]> segs = split(offloaded(packet, VirtioNetHdr.GSO_UDP_L4, 1200));
    assertThat(segs).hasSize(5);
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    int l4 = addrLen == 4 ? 20 : 40;
    for (byte[] s : segs) {
      assertThat(u16(s, l4 + 4)).isEqualTo(s.length - l4);
      assertThat(l4ChecksumValid(s)).isTrue();
      if (addrLen == 4) {
        assertThat(ipv4HeaderChecksumValid(s)).isTrue();
      }
      joined.write(s, l4 + 8, s.length - l4 - 8);
    }
    assertThat(joined.toByteArray()).isEqualTo(data);
  }

  @Test
  void singlePacketGetsItsChecksumCompleted() {
    for (byte[][] a : new byte[][][] {{SRC4, DST4}, {SRC6, DST6}}) {
      for (int proto : new int[] {6, 17}) {
        for (int n : new int[] {0, 1, 2, 3, 999, 1380}) {
          byte[] data = payload(n, n);
          byte[] l4 = proto == 6 ? tcpHeader(1, 2, 3, 4, 0x18, 5, new byte[0]) : udpHeader(1, 2, n);
          byte[] packet = ip(a[0], a[1], proto, 1, l4, data);
          List<byte[]> segs = split(offloaded(packet, VirtioNetHdr.GSO_NONE, 0));
          assertThat(segs).hasSize(1);
          assertThat(segs.get(0)).as("proto %d, %d bytes", proto, n).isEqualTo(packet);
        }
      }
    }
  }

  @Test
  void plainPacketIsCopiedUnchanged() {
    byte[] packet = ip(SRC4, DST4, 1, 1, new byte[8], payload(56, 1)); // ICMP-like
    byte[] read = concat(new byte[VirtioNetHdr.SIZE], packet);
    assertThat(split(read)).singleElement().isEqualTo(packet);
  }

  /** Each mutation of a valid TSO read makes it malformed: prepare answers -1 and nothing is produced. */
  @Test
  void malformedHeadersAreRejected() {
    byte[] good4 = offloaded(ip(SRC4, DST4, 6, 1, tcpHeader(1, 2, 3, 4, 0x10, 5, new byte[0]), payload(4000, 1)),
        VirtioNetHdr.GSO_TCPV4, 1400);
    byte[] good6 = offloaded(ip(SRC6, DST6, 6, 1, tcpHeader(1, 2, 3, 4, 0x10, 5, new byte[0]), payload(4000, 1)),
        VirtioNetHdr.GSO_TCPV6, 1400);
    int v = VirtioNetHdr.SIZE;
    assertThat(new GsoSplitter().prepare(good4, 0, good4.length, MAX_SEGMENT)).isEqualTo(3);
    assertThat(new GsoSplitter().prepare(good6, 0, good6.length, MAX_SEGMENT)).isEqualTo(3);
    List<Consumer<byte[]>> v4 = List.of(
        b -> b[1] = VirtioNetHdr.GSO_UDP, // UFO: never offered
        b -> b[1] = 9, // unknown type
        b -> b[1] = VirtioNetHdr.GSO_TCPV6, // type and IP version disagree
        b -> b[0] = 0, // a super-packet without NEEDS_CSUM
        b -> b[0] = (byte) 0x81, // unknown flag
        b -> put16le(b, 4, 0), // gso_size 0
        b -> put16le(b, 6, 21), // csum_start not at the TCP header
        b -> put16le(b, 8, 6), // csum_offset not TCP's
        b -> b[v] = 0x44, // IHL below 5
        b -> b[v] = 0x4f, // IHL beyond the packet's TCP header
        b -> b[v] = 0x55, // version 5
        b -> put16(b, v + 2, u16(b, v + 2) - 1), // total length disagrees with the read
        b -> b[v + 9] = 17, // protocol not TCP
        b -> b[v + 6] = 0x20, // more fragments
        b -> b[v + 20 + 12] = 0x40); // TCP data offset below 5
    for (int i = 0; i < v4.size(); i++) {
      byte[] b = good4.clone();
      v4.get(i).accept(b);
      int r = new GsoSplitter().prepare(b, 0, b.length, MAX_SEGMENT);
      assertThat(r).as("IPv4 mutation %d", i).isEqualTo(-1);
    }
    List<Consumer<byte[]>> v6 = List.of(
        b -> b[1] = VirtioNetHdr.GSO_TCPV4,
        b -> put16(b, v + 4, 100), // payload length disagrees
        b -> b[v + 6] = 0, // hop-by-hop extension header
        b -> put16le(b, 6, 20));
    for (int i = 0; i < v6.size(); i++) {
      byte[] b = good6.clone();
      v6.get(i).accept(b);
      assertThat(new GsoSplitter().prepare(b, 0, b.length, MAX_SEGMENT)).as("IPv6 mutation %d", i).isEqualTo(-1);
    }
    // Too short for a header, headers without payload, a segment longer than the caller can take.
    assertThat(new GsoSplitter().prepare(good4, 0, 5, MAX_SEGMENT)).isEqualTo(-1);
    assertThat(new GsoSplitter().prepare(good4, 0, v + 40, MAX_SEGMENT)).isEqualTo(-1);
    byte[] longTcpHeader = good4.clone(); // data offset 15: the TCP header claims more than the read has
    longTcpHeader[v + 20 + 12] = (byte) 0xf0;
    assertThat(new GsoSplitter().prepare(longTcpHeader, 0, v + 60, MAX_SEGMENT)).isEqualTo(-1);
    assertThat(new GsoSplitter().prepare(good4, 0, good4.length, 1439)).isEqualTo(-1);
    assertThat(new GsoSplitter().prepare(good4, 0, good4.length, 1440)).isEqualTo(3);
    // A single packet whose checksum position is outside it.
    byte[] single = offloaded(ip(SRC4, DST4, 17, 1, udpHeader(1, 2, 10), payload(10, 2)), 0, 0);
    put16le(single, 8, 100);
    assertThat(new GsoSplitter().prepare(single, 0, single.length, MAX_SEGMENT)).isEqualTo(-1);
  }

  /** Random corruption of valid reads never throws: either rejected, or split into in-bounds segments. */
  @Test
  void randomCorruptionNeverThrows() {
    Random r = new Random(42);
    byte[][] goods = {
      offloaded(ip(SRC4, DST4, 6, 1, tcpHeader(1, 2, 3, 4, 0x10, 5, TS_OPTION), payload(9000, 1)),
          VirtioNetHdr.GSO_TCPV4, 1380),
      offloaded(ip(SRC6, DST6, 6, 1, tcpHeader(1, 2, 3, 4, 0x10, 5, TS_OPTION), payload(9000, 1)),
          VirtioNetHdr.GSO_TCPV6, 1360),
      offloaded(ip(SRC6, DST6, 17, 1, udpHeader(1, 2, 3000), payload(3000, 1)), VirtioNetHdr.GSO_UDP_L4, 1000),
      offloaded(ip(SRC4, DST4, 17, 1, udpHeader(1, 2, 300), payload(300, 1)), VirtioNetHdr.GSO_NONE, 0)
    };
    byte[] out = new byte[2000];
    int accepted = 0;
    for (int round = 0; round < 20_000; round++) {
      byte[] b = goods[round % goods.length].clone();
      int flips = 1 + r.nextInt(3);
      for (int f = 0; f < flips; f++) {
        b[r.nextInt(Math.min(b.length, 80))] = (byte) r.nextInt(256);
      }
      int len = r.nextInt(8) == 0 ? r.nextInt(b.length) : b.length;
      GsoSplitter s = new GsoSplitter();
      int n = s.prepare(b, 0, len, out.length);
      for (int k = 0; k < n; k++) {
        assertThat(s.segment(k, out, 0)).isBetween(1, out.length);
      }
      accepted += n > 0 ? 1 : 0;
    }
    assertThat(accepted).as("some mutants stay valid (payload bytes)").isPositive();
  }

  private static void put16le(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >> 8);
  }
}
