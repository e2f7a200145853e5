package io.portcullis.gateway.conn;

import io.portcullis.gateway.sys.MessageVector;
import io.portcullis.gateway.sys.SocketCalls;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * Turns kernel socket addresses into {@link InetSocketAddress} endpoints and back, through two small direct-mapped
 * caches so that the packet path allocates nothing while the set of peers' endpoints is stable.
 *
 * <p>Decoding: a received {@code sockaddr_in6} (an IPv4-mapped one yields an {@link Inet4Address}, as the JDK's
 * dual-stack channels do) or {@code sockaddr_in}; the same bytes give the same object, so the roaming check
 * compares identical objects. Encoding: an endpoint object is encoded once into a byte array of exactly the
 * socket's address length, ready for sendto/sendmmsg.
 *
 * <p>Not thread-safe: one instance per thread (the receive thread decodes; each sending thread encodes).
 */
final class EndpointCodec {
  private static final int SLOTS = 256;
  private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfShort SHORT_BE = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN);
  // heap byte[] segments only allow unaligned layouts
  private static final ValueLayout.OfShort SHORT_BE_UNALIGNED =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  /** High 64 bits of an IPv4-mapped IPv6 address {@code ::ffff:0:0/96} are zero; the next 32 are 0x0000ffff. */
  private static final long MAPPED_LOW_PREFIX = 0x0000ffff_00000000L;

  private final int family;
  private final int sockaddrLength;

  // decode cache: key = (high, low, port | scope << 16), value = endpoint
  private final long[] keyHigh = new long[SLOTS];
  private final long[] keyLow = new long[SLOTS];
  private final long[] keyRest = new long[SLOTS];
  private final InetSocketAddress[] decoded = new InetSocketAddress[SLOTS];

  // encode cache: key = endpoint identity, value = sockaddr bytes
  private final InetSocketAddress[] encodedFor = new InetSocketAddress[SLOTS];
  private final byte[][] encoded = new byte[SLOTS][];

  /** A codec for a socket of {@code family} ({@link SocketCalls#AF_INET6} dual-stack, or AF_INET). */
  EndpointCodec(int family) {
    this.family = family;
    this.sockaddrLength =
        family == SocketCalls.AF_INET6 ? MessageVector.SOCKADDR_IN6_SIZE : MessageVector.SOCKADDR_IN_SIZE;
  }

  /** The socket family this codec encodes for. */
  int family() {
    return family;
  }

  /**
   * The source address the kernel wrote at {@code sockaddrs[at..]}; null for a family this socket cannot have.
   * {@code at} must be 8-byte aligned in a native segment.
   */
  InetSocketAddress decode(MemorySegment sockaddrs, long at) {
    int fam = sockaddrs.get(ValueLayout.JAVA_SHORT, at + MessageVector.SOCKADDR_FAMILY_OFFSET) & 0xffff;
    int port = sockaddrs.get(SHORT_BE, at + MessageVector.SOCKADDR_PORT_OFFSET) & 0xffff;
    long high;
    long low;
    long rest;
    if (fam == SocketCalls.AF_INET6) {
      high = sockaddrs.get(LONG_BE, at + MessageVector.SOCKADDR_IN6_ADDR_OFFSET);
      low = sockaddrs.get(LONG_BE, at + MessageVector.SOCKADDR_IN6_ADDR_OFFSET + 8);
      int scope = sockaddrs.get(ValueLayout.JAVA_INT, at + MessageVector.SOCKADDR_IN6_SCOPE_OFFSET);
      rest = port | (scope & 0xffffffffL) << 16 | 1L << 48;
    } else if (fam == SocketCalls.AF_INET) {
      high = 0;
      low = MAPPED_LOW_PREFIX | sockaddrs.get(INT_BE, at + MessageVector.SOCKADDR_IN_ADDR_OFFSET) & 0xffffffffL;
      rest = port;
    } else {
      return null;
    }
    int slot = slot(high, low, rest);
    InetSocketAddress hit = decoded[slot];
    if (hit != null && keyHigh[slot] == high && keyLow[slot] == low && keyRest[slot] == rest) {
      return hit;
    }
    InetSocketAddress a = create(high, low, rest);
    keyHigh[slot] = high;
    keyLow[slot] = low;
    keyRest[slot] = rest;
    decoded[slot] = a;
    return a;
  }

  private static int slot(long high, long low, long rest) {
    long h = high * 0x9E3779B97F4A7C15L ^ low * 0xC2B2AE3D27D4EB4FL ^ rest * 0x165667B19E3779F9L;
    return (int) (h >>> 56) & (SLOTS - 1);
  }

  private static InetSocketAddress create(long high, long low, long rest) {
    int port = (int) (rest & 0xffff);
    try {
      InetAddress addr;
      if (high == 0 && (low & 0xffffffff_00000000L) == MAPPED_LOW_PREFIX) {
        int v4 = (int) low;
        addr =
            InetAddress.getByAddress(
                new byte[] {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4});
      } else {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
          b[i] = (byte) (high >>> (56 - 8 * i));
          b[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        int scope = (int) (rest >>> 16);
        addr = Inet6Address.getByAddress(null, b, scope);
      }
      return new InetSocketAddress(addr, port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
    }
  }

  /**
   * The sockaddr for {@code to}, exactly as long as this socket's addresses; null when the socket cannot reach
   * it (an IPv6 endpoint on an IPv4-only socket). The returned array is owned by the cache: do not modify it.
   */
  byte[] encode(InetSocketAddress to) {
    int slot = System.identityHashCode(to) & (SLOTS - 1);
    if (encodedFor[slot] == to) {
      return encoded[slot];
    }
    byte[] b = encodeUncached(to);
    if (b != null) {
      encodedFor[slot] = to;
      encoded[slot] = b;
    }
    return b;
  }

  private byte[] encodeUncached(InetSocketAddress to) {
    InetAddress addr = to.getAddress();
    if (addr == null) {
      return null; // unresolved
    }
    byte[] raw = addr.getAddress();
    MemorySegment s = MemorySegment.ofArray(new byte[sockaddrLength]);
    s.set(ValueLayout.JAVA_SHORT_UNALIGNED, MessageVector.SOCKADDR_FAMILY_OFFSET, (short) family);
    s.set(SHORT_BE_UNALIGNED, MessageVector.SOCKADDR_PORT_OFFSET, (short) to.getPort());
    if (family == SocketCalls.AF_INET6) {
      int at = MessageVector.SOCKADDR_IN6_ADDR_OFFSET;
      if (raw.length == 4) {
        s.set(ValueLayout.JAVA_BYTE, at + 10, (byte) 0xff);
        s.set(ValueLayout.JAVA_BYTE, at + 11, (byte) 0xff);
        MemorySegment.copy(raw, 0, s, ValueLayout.JAVA_BYTE, at + 12, 4);
      } else {
        MemorySegment.copy(raw, 0, s, ValueLayout.JAVA_BYTE, at, 16);
        int scope = addr instanceof Inet6Address v6 ? v6.getScopeId() : 0;
        s.set(ValueLayout.JAVA_INT_UNALIGNED, MessageVector.SOCKADDR_IN6_SCOPE_OFFSET, scope);
      }
    } else {
      if (raw.length != 4) {
        return null;
      }
      MemorySegment.copy(raw, 0, s, ValueLayout.JAVA_BYTE, MessageVector.SOCKADDR_IN_ADDR_OFFSET, 4);
    }
    return (byte[]) s.heapBase().orElseThrow();
  }
}
