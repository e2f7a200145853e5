package io.portcullis.gateway.tun;

/**
 * Turns what a TUN device with {@code TUNSETOFFLOAD} hands out into ordinary IP packets: a TCP (TSO) or UDP
 * (USO) super-packet of up to 64 KiB behind a {@link VirtioNetHdr} is cut into segments of {@code gso_size}
 * payload bytes, each with its own IP and L4 header (IPv4 total length, identification and header checksum or
 * IPv6 payload length; TCP sequence number and flags or UDP length; the L4 checksum computed in full); a single
 * packet whose checksum the kernel left to us ({@code NEEDS_CSUM}) gets it completed. What the kernel's own
 * software GSO does for a device without TSO ({@code tcp_gso_segment}, {@code __udp_gso_segment}).
 *
 * <p>Nothing in the header is trusted: the IP header must agree with the GSO type and with the length read,
 * {@code csum_start}/{@code csum_offset} must point at the checksum of the L4 header that is there, and the
 * headers must leave payload for at least one segment; {@code hdr_len} is recomputed from the headers (the
 * kernel fills it loosely). {@link #prepare} answers -1 for anything else and the caller drops and counts it.
 *
 * <p>Use: {@link #prepare} once per packet read, then {@link #segment} for {@code 0..count-1}, possibly spread
 * over several batches (the source must not change in between). One instance per thread (the send thread).
 */
public final class GsoSplitter {
  static final int IPV4_MIN_HEADER = 20;
  static final int IPV6_HEADER = 40;
  static final int TCP_MIN_HEADER = 20;
  static final int UDP_HEADER = 8;
  static final int TCP_CHECKSUM_OFFSET = 16;
  static final int UDP_CHECKSUM_OFFSET = 6;
  static final int TCP_FIN = 0x01;
  static final int TCP_PSH = 0x08;
  static final int TCP_CWR = 0x80;

  private byte[] src;
  private int ip; // offset of the IP header in src
  private int length; // IP packet length
  private int version;
  private int protocol;
  private int l4; // offset of the L4 header from ip
  private int headers; // IP + L4 header length
  private int gsoSize; // 0: not segmented
  private int checksumAt = -1; // GSO_NONE with NEEDS_CSUM: offset of the checksum field from ip
  private int count;

  /**
   * Parses and checks the header at {@code b[off]} followed by an IP packet, {@code len} bytes in all.
   *
   * @param maxSegment the longest segment the caller can take (IP headers included)
   * @return the number of packets {@link #segment} yields (1 for a plain packet), or -1 if the header is
   *     malformed or inconsistent with the packet
   */
  public int prepare(byte[] b, int off, int len, int maxSegment) {
    src = b;
    count = 0;
    checksumAt = -1;
    gsoSize = 0;
    if (len < VirtioNetHdr.SIZE + 1) {
      return -1;
    }
    int flags = VirtioNetHdr.flags(b, off);
    int type = VirtioNetHdr.gsoType(b, off);
    int csumStart = VirtioNetHdr.csumStart(b, off);
    int csumOffset = VirtioNetHdr.csumOffset(b, off);
    ip = off + VirtioNetHdr.SIZE;
    length = len - VirtioNetHdr.SIZE;
    version = (b[ip] & 0xff) >>> 4;
    if ((flags & ~(VirtioNetHdr.F_NEEDS_CSUM | VirtioNetHdr.F_DATA_VALID)) != 0) {
      return -1;
    }
    boolean needsCsum = (flags & VirtioNetHdr.F_NEEDS_CSUM) != 0;
    int kind = type & ~VirtioNetHdr.GSO_ECN;
    if (kind == VirtioNetHdr.GSO_NONE) {
      if (type != VirtioNetHdr.GSO_NONE || length > maxSegment) {
        return -1;
      }
      if (needsCsum) {
        // The checksum field (2 bytes) must lie inside the packet, after csum_start.
        if (csumStart >= length || csumOffset + 2 > length - csumStart) {
          return -1;
        }
        checksumAt = csumStart + csumOffset;
        l4 = csumStart;
      }
      return count = 1;
    }
    if (!needsCsum) {
      return -1; // a super-packet always leaves the checksums to us
    }
    int wantVersion;
    switch (kind) {
      case VirtioNetHdr.GSO_TCPV4 -> {
        wantVersion = 4;
        protocol = Checksum.TCP;
      }
      case VirtioNetHdr.GSO_TCPV6 -> {
        wantVersion = 6;
        protocol = Checksum.TCP;
      }
      case VirtioNetHdr.GSO_UDP_L4 -> {
        wantVersion = version;
        protocol = Checksum.UDP;
      }
      default -> {
        return -1; // UFO and unknown types were never offered to the kernel
      }
    }
    if (version != wantVersion || (protocol == Checksum.UDP && (type & VirtioNetHdr.GSO_ECN) != 0)) {
      return -1;
    }
    if (version == 4) {
      if (length < IPV4_MIN_HEADER) {
        return -1;
      }
      l4 = (b[ip] & 0x0f) * 4;
      if (l4 < IPV4_MIN_HEADER
          || Checksum.u16(b, ip + 2) != length
          || (b[ip + 9] & 0xff) != protocol
          || (Checksum.u16(b, ip + 6) & 0x3fff) != 0) { // MF or a fragment offset: not a whole packet
        return -1;
      }
    } else if (version == 6) {
      l4 = IPV6_HEADER;
      if (length < IPV6_HEADER
          || Checksum.u16(b, ip + 4) != length - IPV6_HEADER
          || (b[ip + 6] & 0xff) != protocol) { // extension headers are not segmented here
        return -1;
      }
    } else {
      return -1;
    }
    int l4Header;
    if (protocol == Checksum.TCP) {
      if (l4 + TCP_MIN_HEADER > length) {
        return -1;
      }
      l4Header = ((b[ip + l4 + 12] & 0xff) >>> 4) * 4;
      if (l4Header < TCP_MIN_HEADER || csumOffset != TCP_CHECKSUM_OFFSET) {
        return -1;
      }
    } else {
      l4Header = UDP_HEADER;
      if (csumOffset != UDP_CHECKSUM_OFFSET
          || l4 + UDP_HEADER > length
          || Checksum.u16(b, ip + l4 + 4) != length - l4) {
        return -1;
      }
    }
    headers = l4 + l4Header;
    gsoSize = VirtioNetHdr.gsoSize(b, off);
    if (csumStart != l4 || headers >= length || gsoSize == 0 || headers + gsoSize > maxSegment) {
      return -1;
    }
    int payload = length - headers;
    count = (payload + gsoSize - 1) / gsoSize;
    return count;
  }

  /** The number of packets of the last {@link #prepare}. */
  public int count() {
    return count;
  }

  /**
   * Writes packet {@code k} (0-based, below {@link #count}) of the last prepared read to {@code out[outOff..]}.
   *
   * @return its length
   */
  public int segment(int k, byte[] out, int outOff) {
    if (gsoSize == 0) {
      System.arraycopy(src, ip, out, outOff, length);
      if (checksumAt >= 0) {
        // The field holds the pseudo-header sum; the sum over the L4 bytes including it is the checksum.
        long sum = Checksum.add(out, outOff + l4, length - l4, 0);
        Checksum.u16(out, outOff + checksumAt, Checksum.finish(sum));
      }
      return length;
    }
    int payloadOff = headers + k * gsoSize;
    int seg = Math.min(gsoSize, length - payloadOff);
    int total = headers + seg;
    System.arraycopy(src, ip, out, outOff, headers);
    System.arraycopy(src, ip + payloadOff, out, outOff + headers, seg);
    int addrLen;
    int srcOff;
    if (version == 4) {
      Checksum.u16(out, outOff + 2, total);
      Checksum.u16(out, outOff + 4, (Checksum.u16(src, ip + 4) + k) & 0xffff);
      Checksum.u16(out, outOff + 10, 0);
      Checksum.u16(out, outOff + 10, ~Checksum.fold(Checksum.add(out, outOff, l4, 0)) & 0xffff);
      addrLen = 4;
      srcOff = 12;
    } else {
      Checksum.u16(out, outOff + 4, total - IPV6_HEADER);
      addrLen = 16;
      srcOff = 8;
    }
    int t = outOff + l4;
    int checksumField;
    if (protocol == Checksum.TCP) {
      Checksum.u32(out, t + 4, Checksum.u32(src, ip + l4 + 4) + k * gsoSize);
      int flags = out[t + 13] & 0xff;
      if (k != count - 1) {
        flags &= ~(TCP_FIN | TCP_PSH);
      }
      if (k != 0) {
        flags &= ~TCP_CWR;
      }
      out[t + 13] = (byte) flags;
      checksumField = t + TCP_CHECKSUM_OFFSET;
    } else {
      Checksum.u16(out, t + 4, total - l4);
      checksumField = t + UDP_CHECKSUM_OFFSET;
    }
    Checksum.u16(out, checksumField, 0);
    long sum = Checksum.pseudoHeader(out, outOff + srcOff, outOff + srcOff + addrLen, addrLen, protocol, total - l4);
    Checksum.u16(out, checksumField, Checksum.finish(Checksum.add(out, t, total - l4, sum)));
    return total;
  }
}
