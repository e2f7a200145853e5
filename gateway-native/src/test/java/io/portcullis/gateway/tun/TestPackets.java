package io.portcullis.gateway.tun;

import java.util.Arrays;

/**
 * Builds IPv4/IPv6 TCP and UDP packets for the offload tests, with checksums from {@link #reference}: a
 * word-by-word RFC 1071 sum written independently of {@link Checksum}.
 */
public final class TestPackets {
  public static final byte[] SRC4 = {10, 77, 0, 2};
  public static final byte[] DST4 = {10, 77, 0, 1};
  public static final byte[] SRC6 = bytes16(0xfd, 0x77, 2);
  public static final byte[] DST6 = bytes16(0xfd, 0x77, 1);

  private TestPackets() {}

  private static byte[] bytes16(int a, int b, int last) {
    byte[] x = new byte[16];
    x[0] = (byte) a;
    x[1] = (byte) b;
    x[15] = (byte) last;
    return x;
  }

  /** The straightforward Internet checksum: 16-bit words summed in an int, folded, complemented. */
  public static int reference(byte[]... parts) {
    byte[] all = concat(parts);
    long sum = 0;
    for (int i = 0; i < all.length; i += 2) {
      int hi = all[i] & 0xff;
      int lo = i + 1 < all.length ? all[i + 1] & 0xff : 0;
      sum += (hi << 8) | lo;
    }
    while (sum > 0xffff) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return (int) (~sum & 0xffff);
  }

  public static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] r = new byte[n];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, r, o, p.length);
      o += p.length;
    }
    return r;
  }

  /** The pseudo-header as bytes (RFC 9293 3.1 / RFC 8200 8.1). */
  public static byte[] pseudo(byte[] src, byte[] dst, int proto, int l4len) {
    if (src.length == 4) {
      return concat(src, dst, new byte[] {0, (byte) proto, (byte) (l4len >> 8), (byte) l4len});
    }
    return concat(
        src, dst, new byte[] {0, 0, (byte) (l4len >> 8), (byte) l4len, 0, 0, 0, (byte) proto});
  }

  public static int u16(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }

  public static long u32(byte[] b, int off) {
    return ((long) u16(b, off) << 16) | u16(b, off + 2);
  }

  public static void put16(byte[] b, int off, int v) {
    b[off] = (byte) (v >> 8);
    b[off + 1] = (byte) v;
  }

  public static void put32(byte[] b, int off, long v) {
    put16(b, off, (int) (v >>> 16));
    put16(b, off + 2, (int) v);
  }

  /** A TCP header with the given options (length a multiple of 4), checksum zero. */
  public static byte[] tcpHeader(int sport, int dport, long seq, long ack, int flags, int window, byte[] options) {
    byte[] t = new byte[20 + options.length];
    put16(t, 0, sport);
    put16(t, 2, dport);
    put32(t, 4, seq);
    put32(t, 8, ack);
    t[12] = (byte) ((t.length / 4) << 4);
    t[13] = (byte) flags;
    put16(t, 14, window);
    System.arraycopy(options, 0, t, 20, options.length);
    return t;
  }

  public static byte[] udpHeader(int sport, int dport, int payloadLen) {
    byte[] u = new byte[8];
    put16(u, 0, sport);
    put16(u, 2, dport);
    put16(u, 4, 8 + payloadLen);
    return u;
  }

  /** An IP packet (v4 when the addresses have 4 bytes) around an L4 header and payload, checksums filled. */
  public static byte[] ip(byte[] src, byte[] dst, int proto, int id, byte[] l4Header, byte[] payload) {
    byte[] l4 = concat(l4Header, payload);
    int ck = proto == 6 ? 16 : 6;
    put16(l4, ck, 0);
    int c = reference(pseudo(src, dst, proto, l4.length), l4);
    put16(l4, ck, proto == 17 && c == 0 ? 0xffff : c);
    byte[] h;
    if (src.length == 4) {
      h = new byte[20];
      h[0] = 0x45;
      put16(h, 2, 20 + l4.length);
      put16(h, 4, id);
      h[6] = 0x40; // DF
      h[8] = 64;
      h[9] = (byte) proto;
      System.arraycopy(src, 0, h, 12, 4);
      System.arraycopy(dst, 0, h, 16, 4);
      put16(h, 10, reference(h));
    } else {
      h = new byte[40];
      h[0] = 0x60;
      put16(h, 4, l4.length);
      h[6] = (byte) proto;
      h[7] = 64;
      System.arraycopy(src, 0, h, 8, 16);
      System.arraycopy(dst, 0, h, 24, 16);
    }
    return concat(h, l4);
  }

  /**
   * What a TUN with offloads hands out for {@code packet}: a virtio header with NEEDS_CSUM and the given GSO
   * type/size, and the L4 checksum field replaced by the folded pseudo-header sum (as the kernel leaves it).
   */
  public static byte[] offloaded(byte[] packet, int gsoType, int gsoSize) {
    boolean v4 = (packet[0] & 0xf0) == 0x40;
    int l4 = v4 ? (packet[0] & 0x0f) * 4 : 40;
    int proto = packet[v4 ? 9 : 6] & 0xff;
    byte[] p = packet.clone();
    byte[] src = Arrays.copyOfRange(p, v4 ? 12 : 8, v4 ? 16 : 24);
    byte[] dst = Arrays.copyOfRange(p, v4 ? 16 : 24, v4 ? 20 : 40);
    int ck = l4 + (proto == 6 ? 16 : 6);
    int partial = ~reference(pseudo(src, dst, proto, p.length - l4)) & 0xffff;
    put16(p, ck, partial);
    int hdrLen = proto == 6 ? l4 + ((p[l4 + 12] & 0xff) >>> 4) * 4 : l4 + 8;
    byte[] h = new byte[VirtioNetHdr.SIZE];
    VirtioNetHdr.write(h, 0, VirtioNetHdr.F_NEEDS_CSUM, gsoType, hdrLen, gsoSize, l4, proto == 6 ? 16 : 6);
    return concat(h, p);
  }

  /** True if the L4 checksum of the IP packet verifies (by {@link #reference}). */
  public static boolean l4ChecksumValid(byte[] p) {
    boolean v4 = (p[0] & 0xf0) == 0x40;
    int l4 = v4 ? (p[0] & 0x0f) * 4 : 40;
    int proto = p[v4 ? 9 : 6] & 0xff;
    byte[] src = Arrays.copyOfRange(p, v4 ? 12 : 8, v4 ? 16 : 24);
    byte[] dst = Arrays.copyOfRange(p, v4 ? 16 : 24, v4 ? 20 : 40);
    return reference(pseudo(src, dst, proto, p.length - l4), Arrays.copyOfRange(p, l4, p.length)) == 0;
  }

  public static boolean ipv4HeaderChecksumValid(byte[] p) {
    return reference(Arrays.copyOf(p, (p[0] & 0x0f) * 4)) == 0;
  }
}
