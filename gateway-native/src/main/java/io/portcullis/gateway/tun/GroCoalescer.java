package io.portcullis.gateway.tun;

import java.io.IOException;
import java.util.Arrays;

/**
 * The receive side of TUN offloads: packets decrypted from one batch are collected here, and consecutive TCP
 * segments of the same flow are joined into one super-packet written behind a {@link VirtioNetHdr} that asks
 * the kernel to treat it as a GSO packet ({@code gso_type} TCPV4/TCPV6, {@code gso_size} = the segment payload,
 * the checksum left {@code NEEDS_CSUM} over the pseudo-header). The kernel's TCP stack then takes 64 KiB per
 * traversal instead of one MTU. The same rules as the kernel's own GRO ({@code tcp_gro_receive},
 * {@code inet_gro_receive}): a segment joins a flow's group only if
 *
 * <ul>
 *   <li>addresses and ports, IPv4 TOS/TTL/flags (no fragments, no IP options) or IPv6 first word and hop limit,
 *       the TCP acknowledgment, data offset, window and options are all equal;
 *   <li>its sequence number follows the group's end, and its IPv4 identification the last one's by one;
 *   <li>its flags are ACK or ACK|PSH, the group's last segment carried neither PSH nor a short payload, and its
 *       payload is not longer than the first segment's;
 *   <li>its IP header checksum (IPv4) and TCP checksum verify: the kernel does not check a packet it was told to
 *       checksum itself, so what would be dropped alone must not slip in through a group;
 *   <li>the group stays within 65,535 bytes of IP packet.
 * </ul>
 *
 * Everything else is written alone, unchanged, behind an all-zero header, in the order of the batch: groups are
 * written in the order of their first packets, so the order within every flow is kept.
 *
 * <p>{@link #add} keeps a reference to the caller's buffer until {@link #flush}, and may overwrite the
 * {@link VirtioNetHdr#SIZE} bytes in front of the packet. One instance per thread (the receive thread).
 */
public final class GroCoalescer {
  /** Where coalesced and plain packets go: one TUN write of a virtio header and a packet. */
  @FunctionalInterface
  public interface Sink {
    void write(byte[] buf, int off, int len) throws IOException;
  }

  static final int MAX_IP_PACKET = 65_535;
  private static final int TCP_ACK = 0x10;
  private static final int TCP_PSH = 0x08;

  private final int capacity;
  private final byte[][] bufs;
  private final int[] offs;
  private final int[] lens;
  private final int[] l4; // IP header length; 0: not a coalescing candidate
  private final int[] headers; // IP + TCP header length
  private final int[] next; // next member of the same group, -1 at the end
  // open groups: head packet, last packet, total payload
  private final int[] groupHead;
  private final int[] groupLast;
  private final int[] groupPayload;
  private final boolean[] groupOpen;
  private int groups;
  private int count;
  private final byte[] out = new byte[VirtioNetHdr.SIZE + MAX_IP_PACKET];
  private long coalesced;
  private long superPackets;

  /** Holds at most {@code capacity} packets between flushes. */
  public GroCoalescer(int capacity) {
    this.capacity = capacity;
    bufs = new byte[capacity][];
    offs = new int[capacity];
    lens = new int[capacity];
    l4 = new int[capacity];
    headers = new int[capacity];
    next = new int[capacity];
    groupHead = new int[capacity];
    groupLast = new int[capacity];
    groupPayload = new int[capacity];
    groupOpen = new boolean[capacity];
  }

  /** Packets added since the last flush. */
  public int pending() {
    return count;
  }

  /** True when {@link #add} needs a {@link #flush} first. */
  public boolean full() {
    return count == capacity;
  }

  /** Segments that went out inside a super-packet rather than alone (a group of n counts n). */
  public long coalesced() {
    return coalesced;
  }

  /** Super-packets written. */
  public long superPackets() {
    return superPackets;
  }

  /**
   * Adds the IP packet {@code buf[off, off+len)}, whose IP header length fields the caller has checked against
   * {@code len}; {@code off >= VirtioNetHdr.SIZE}. Must not be {@link #full()}.
   */
  public void add(byte[] buf, int off, int len) {
    int i = count++;
    bufs[i] = buf;
    offs[i] = off;
    lens[i] = len;
    next[i] = -1;
    l4[i] = tcpOffset(buf, off, len);
    boolean join = l4[i] > 0 && candidate(buf, off, len, l4[i]);
    headers[i] = l4[i] > 0 ? l4[i] + ((buf[off + l4[i] + 12] & 0xff) >>> 4) * 4 : 0;
    if (l4[i] > 0) {
      for (int g = groups - 1; g >= 0; g--) {
        if (groupOpen[g] && sameFlow(groupHead[g], i)) {
          if (join && joins(g, i)) {
            next[groupLast[g]] = i;
            groupLast[g] = i;
            groupPayload[g] += len - headers[i];
            return;
          }
          groupOpen[g] = false; // the flow goes on after this packet, so nothing may join the group before it
          break;
        }
      }
    }
    int g = groups++;
    groupHead[g] = i;
    groupLast[g] = i;
    groupPayload[g] = len - headers[i];
    groupOpen[g] = join;
  }

  /** Writes every group (one write per group) in the order of their first packets, and forgets them all. */
  public void flush(Sink sink) throws IOException {
    try {
      for (int g = 0; g < groups; g++) {
        int h = groupHead[g];
        if (next[h] < 0) {
          VirtioNetHdr.writeNone(bufs[h], offs[h] - VirtioNetHdr.SIZE);
          sink.write(bufs[h], offs[h] - VirtioNetHdr.SIZE, lens[h] + VirtioNetHdr.SIZE);
        } else {
          int len = assemble(g);
          sink.write(out, 0, len);
        }
      }
    } finally {
      Arrays.fill(bufs, 0, count, null);
      count = 0;
      groups = 0;
    }
  }

  /** Builds group {@code g} in {@link #out} behind its virtio header; returns the length with the header. */
  private int assemble(int g) {
    int h = groupHead[g];
    byte[] hb = bufs[h];
    int ho = offs[h];
    int ipLen = l4[h];
    int hdrs = headers[h];
    int gso = lens[h] - hdrs;
    int o = VirtioNetHdr.SIZE;
    System.arraycopy(hb, ho, out, o, lens[h]);
    int end = o + lens[h];
    int members = 1;
    int last = h;
    for (int i = next[h]; i >= 0; i = next[i]) {
      int p = lens[i] - headers[i];
      System.arraycopy(bufs[i], offs[i] + headers[i], out, end, p);
      end += p;
      members++;
      last = i;
    }
    int total = end - o;
    boolean v4 = (out[o] & 0xf0) == 0x40;
    int t = o + ipLen;
    if ((bufs[last][offs[last] + l4[last] + 13] & TCP_PSH) != 0) {
      out[t + 13] |= TCP_PSH;
    }
    long pseudo;
    if (v4) {
      Checksum.u16(out, o + 2, total);
      Checksum.u16(out, o + 10, 0);
      Checksum.u16(out, o + 10, ~Checksum.fold(Checksum.add(out, o, ipLen, 0)) & 0xffff);
      pseudo = Checksum.pseudoHeader(out, o + 12, o + 16, 4, Checksum.TCP, total - ipLen);
    } else {
      Checksum.u16(out, o + 4, total - GsoSplitter.IPV6_HEADER);
      pseudo = Checksum.pseudoHeader(out, o + 8, o + 24, 16, Checksum.TCP, total - ipLen);
    }
    // NEEDS_CSUM: the field holds the folded pseudo-header sum; the kernel adds the rest.
    Checksum.u16(out, t + GsoSplitter.TCP_CHECKSUM_OFFSET, Checksum.fold(pseudo));
    VirtioNetHdr.write(
        out,
        0,
        VirtioNetHdr.F_NEEDS_CSUM,
        v4 ? VirtioNetHdr.GSO_TCPV4 : VirtioNetHdr.GSO_TCPV6,
        hdrs,
        gso,
        ipLen,
        GsoSplitter.TCP_CHECKSUM_OFFSET);
    coalesced += members;
    superPackets++;
    return end;
  }

  /**
   * The IP header length of a whole (unfragmented) TCP segment with at least a minimal TCP header whose IP length
   * fields agree with {@code len}, else 0. Such packets belong to a flow even when they cannot be coalesced.
   */
  static int tcpOffset(byte[] b, int off, int len) {
    if (len < GsoSplitter.IPV4_MIN_HEADER) {
      return 0;
    }
    int version = (b[off] & 0xff) >>> 4;
    int ipLen;
    if (version == 4) {
      ipLen = (b[off] & 0x0f) * 4;
      if (ipLen < GsoSplitter.IPV4_MIN_HEADER
          || (b[off + 9] & 0xff) != Checksum.TCP
          || Checksum.u16(b, off + 2) != len
          || (Checksum.u16(b, off + 6) & 0x3fff) != 0) {
        return 0;
      }
    } else if (version == 6) {
      ipLen = GsoSplitter.IPV6_HEADER;
      if (len < ipLen || (b[off + 6] & 0xff) != Checksum.TCP || Checksum.u16(b, off + 4) != len - ipLen) {
        return 0;
      }
    } else {
      return 0;
    }
    if (len < ipLen + GsoSplitter.TCP_MIN_HEADER) {
      return 0;
    }
    int tcpLen = ((b[off + ipLen + 12] & 0xff) >>> 4) * 4;
    return tcpLen >= GsoSplitter.TCP_MIN_HEADER && ipLen + tcpLen <= len ? ipLen : 0;
  }

  /**
   * Whether a TCP segment ({@link #tcpOffset} {@code ipLen}) may be coalesced: no IPv4 options, payload, flags ACK
   * or ACK|PSH, no reserved bits, and valid checksums.
   */
  static boolean candidate(byte[] b, int off, int len, int ipLen) {
    int t = off + ipLen;
    int tcpLen = ((b[t + 12] & 0xff) >>> 4) * 4;
    int flags = b[t + 13] & 0xff;
    if (ipLen + tcpLen >= len // no payload: pure ACKs are not coalesced
        || (flags & ~TCP_PSH) != TCP_ACK
        || (b[t + 12] & 0x0f) != 0) { // reserved bits and AccECN's AE
      return false;
    }
    long pseudo;
    if (ipLen == GsoSplitter.IPV6_HEADER && (b[off] & 0xf0) == 0x60) {
      pseudo = Checksum.pseudoHeader(b, off + 8, off + 24, 16, Checksum.TCP, len - ipLen);
    } else if (ipLen == GsoSplitter.IPV4_MIN_HEADER) { // IPv4 options: left alone
      if (Checksum.fold(Checksum.add(b, off, ipLen, 0)) != 0xffff) {
        return false;
      }
      pseudo = Checksum.pseudoHeader(b, off + 12, off + 16, 4, Checksum.TCP, len - ipLen);
    } else {
      return false;
    }
    return Checksum.fold(Checksum.add(b, t, len - ipLen, pseudo)) == 0xffff;
  }

  /** Same version, addresses and ports as the group's head. */
  private boolean sameFlow(int h, int i) {
    byte[] a = bufs[h];
    byte[] b = bufs[i];
    int ao = offs[h];
    int bo = offs[i];
    if ((a[ao] & 0xf0) != (b[bo] & 0xf0)) {
      return false;
    }
    boolean v4 = (a[ao] & 0xf0) == 0x40;
    int addrFrom = v4 ? 12 : 8;
    int addrTo = v4 ? 20 : 40;
    return Arrays.equals(a, ao + addrFrom, ao + addrTo, b, bo + addrFrom, bo + addrTo)
        && Arrays.equals(a, ao + l4[h], ao + l4[h] + 4, b, bo + l4[i], bo + l4[i] + 4);
  }

  /** Whether packet {@code i} (same flow) may be appended to group {@code g}. */
  private boolean joins(int g, int i) {
    int h = groupHead[g];
    int last = groupLast[g];
    byte[] a = bufs[last];
    byte[] b = bufs[i];
    int ao = offs[last];
    int bo = offs[i];
    int ipLen = l4[i];
    int gso = lens[h] - headers[h];
    int lastPayload = lens[last] - headers[last];
    int payload = lens[i] - headers[i];
    if (headers[i] != headers[last]
        || lastPayload != gso
        || payload > gso
        || (a[ao + ipLen + 13] & TCP_PSH) != 0
        || headers[h] + groupPayload[g] + payload > MAX_IP_PACKET) {
      return false;
    }
    if (ipLen == GsoSplitter.IPV4_MIN_HEADER) {
      if (a[ao + 1] != b[bo + 1] // TOS
          || a[ao + 8] != b[bo + 8] // TTL
          || a[ao + 6] != b[bo + 6] // flags (DF)
          || ((Checksum.u16(a, ao + 4) + 1) & 0xffff) != Checksum.u16(b, bo + 4)) {
        return false;
      }
    } else if (!Arrays.equals(a, ao, ao + 4, b, bo, bo + 4) || a[ao + 7] != b[bo + 7]) {
      return false;
    }
    int ta = ao + ipLen;
    int tb = bo + ipLen;
    // ack, data offset, window; then the options
    if (Checksum.u32(a, ta + 8) != Checksum.u32(b, tb + 8)
        || a[ta + 12] != b[tb + 12]
        || Checksum.u16(a, ta + 14) != Checksum.u16(b, tb + 14)
        || !Arrays.equals(
            a, ta + GsoSplitter.TCP_MIN_HEADER, ao + headers[last],
            b, tb + GsoSplitter.TCP_MIN_HEADER, bo + headers[i])) {
      return false;
    }
    return Checksum.u32(a, ta + 4) + lastPayload == Checksum.u32(b, tb + 4);
  }
}
