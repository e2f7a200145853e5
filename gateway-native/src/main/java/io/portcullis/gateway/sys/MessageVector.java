package io.portcullis.gateway.sys;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * A native array of {@code struct mmsghdr} for recvmmsg(2)/sendmmsg(2), each message with one {@code iovec} over
 * its own packet buffer and one {@code sockaddr_in6}-sized address slot, all allocated once.
 *
 * <p>Layouts on LP64 Linux (x86-64, arm64), from {@code <sys/socket.h>} and {@code <bits/uio.h>}:
 *
 * <pre>
 *   struct iovec   { void *iov_base;            0   size_t iov_len;       8 }                 16 bytes
 *   struct msghdr  { void *msg_name;            0   socklen_t msg_namelen; 8
 *                    struct iovec *msg_iov;    16   size_t msg_iovlen;   24
 *                    void *msg_control;        32   size_t msg_controllen; 40
 *                    int msg_flags;            48 }                                           56 bytes
 *   struct mmsghdr { struct msghdr msg_hdr;     0   unsigned int msg_len; 56 }               64 bytes
 *   struct sockaddr_in6 { sa_family_t sin6_family 0; in_port_t sin6_port 2 (big-endian);
 *                    uint32_t sin6_flowinfo 4; struct in6_addr sin6_addr 8; uint32_t sin6_scope_id 24 } 28 bytes
 *   struct sockaddr_in  { sa_family_t sin_family 0; in_port_t sin_port 2; struct in_addr sin_addr 4; zero 8 } 16
 *   struct cmsghdr { size_t cmsg_len;           0   int cmsg_level;        8   int cmsg_type; 12 }  then data at 16
 * </pre>
 *
 * <p>Each message also has a 32-byte control slot for one UDP segmentation message: {@code UDP_SEGMENT} (a
 * {@code uint16_t} segment size) on send, {@code UDP_GRO} (an {@code int}) on receive, both at level
 * {@code SOL_UDP} (linux/udp.h); a message then carries several datagrams of that size back to back, the last
 * possibly shorter.
 *
 * <p>Not thread-safe: one thread fills and reads a vector at a time.
 */
public final class MessageVector {
  public static final int IOVEC_SIZE = 16;
  public static final int IOVEC_BASE_OFFSET = 0;
  public static final int IOVEC_LEN_OFFSET = 8;

  public static final int MSGHDR_NAME_OFFSET = 0;
  public static final int MSGHDR_NAMELEN_OFFSET = 8;
  public static final int MSGHDR_IOV_OFFSET = 16;
  public static final int MSGHDR_IOVLEN_OFFSET = 24;
  public static final int MSGHDR_CONTROL_OFFSET = 32;
  public static final int MSGHDR_CONTROLLEN_OFFSET = 40;
  public static final int MSGHDR_FLAGS_OFFSET = 48;
  public static final int MMSGHDR_LEN_OFFSET = 56;
  public static final int MMSGHDR_SIZE = 64;

  /** Room for the largest address this vector carries: {@code sizeof(struct sockaddr_in6)}. */
  public static final int SOCKADDR_IN6_SIZE = 28;
  public static final int SOCKADDR_IN_SIZE = 16;
  public static final int SOCKADDR_FAMILY_OFFSET = 0;
  public static final int SOCKADDR_PORT_OFFSET = 2;
  public static final int SOCKADDR_IN_ADDR_OFFSET = 4;
  public static final int SOCKADDR_IN6_ADDR_OFFSET = 8;
  public static final int SOCKADDR_IN6_SCOPE_OFFSET = 24;
  /** Each address slot is rounded up to 32 bytes so that slots stay 8-byte aligned. */
  private static final int ADDRESS_SLOT = 32;

  public static final int CMSG_LEN_OFFSET = 0;
  public static final int CMSG_LEVEL_OFFSET = 8;
  public static final int CMSG_TYPE_OFFSET = 12;
  public static final int CMSG_DATA_OFFSET = 16;
  /** {@code CMSG_SPACE(sizeof(int))}: header and data rounded to 8 bytes. */
  public static final int CMSG_SPACE_INT = 24;
  private static final int CONTROL_SLOT = 32;
  /** {@code SOL_UDP}. */
  public static final int SOL_UDP = 17;
  /** {@code UDP_SEGMENT}: send-side segment size (GSO), Linux 4.18+. */
  public static final int UDP_SEGMENT = 103;
  /** {@code UDP_GRO}: receive coalesced datagrams with their segment size, Linux 5.0+. */
  public static final int UDP_GRO = 104;

  /** {@code MSG_TRUNC} in {@code msg_flags}: the datagram was longer than the buffer. */
  public static final int MSG_TRUNC = 0x20;

  private static final java.lang.foreign.ValueLayout.OfShort PORT_BE =
      JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

  private final int capacity;
  private final int bufferSize;
  private final MemorySegment headers;
  private final MemorySegment iovecs;
  private final MemorySegment addresses;
  private final MemorySegment buffers;
  private final MemorySegment controls;
  private final MemorySegment[] tails;

  /** Allocates {@code capacity} messages of {@code bufferSize} bytes each from {@code arena}. */
  public MessageVector(Arena arena, int capacity, int bufferSize) {
    this.capacity = capacity;
    this.bufferSize = bufferSize;
    headers = arena.allocate((long) capacity * MMSGHDR_SIZE, 8);
    iovecs = arena.allocate((long) capacity * IOVEC_SIZE, 8);
    addresses = arena.allocate((long) capacity * ADDRESS_SLOT, 8);
    buffers = arena.allocate((long) capacity * bufferSize, 64);
    controls = arena.allocate((long) capacity * CONTROL_SLOT, 8);
    tails = new MemorySegment[capacity];
    for (int i = 0; i < capacity; i++) {
      long iov = (long) i * IOVEC_SIZE;
      iovecs.set(JAVA_LONG, iov + IOVEC_BASE_OFFSET, buffer(i).address());
      iovecs.set(JAVA_LONG, iov + IOVEC_LEN_OFFSET, bufferSize);
      long h = (long) i * MMSGHDR_SIZE;
      headers.set(JAVA_LONG, h + MSGHDR_NAME_OFFSET, addresses.address() + (long) i * ADDRESS_SLOT);
      headers.set(JAVA_INT, h + MSGHDR_NAMELEN_OFFSET, SOCKADDR_IN6_SIZE);
      headers.set(JAVA_LONG, h + MSGHDR_IOV_OFFSET, iovecs.address() + iov);
      headers.set(JAVA_LONG, h + MSGHDR_IOVLEN_OFFSET, 1L);
      tails[i] = headers.asSlice(h);
    }
  }

  public int capacity() {
    return capacity;
  }

  public int bufferSize() {
    return bufferSize;
  }

  /** The {@code struct mmsghdr} array starting at message {@code from}, for the system call (no allocation). */
  public MemorySegment headers(int from) {
    return tails[from];
  }

  /** The whole packet buffer of message {@code i}. */
  public MemorySegment buffer(int i) {
    return buffers.asSlice((long) i * bufferSize, bufferSize);
  }

  /** Prepares message {@code i} for recvmmsg: full buffer, full address slot, flags cleared. */
  public void resetForReceive(int i) {
    resetForReceive(i, false);
  }

  /**
   * Prepares message {@code i} for recvmmsg; with {@code control}, its control slot takes a {@code UDP_GRO}
   * message (see {@link #receivedSegmentSize}).
   */
  public void resetForReceive(int i, boolean control) {
    long h = (long) i * MMSGHDR_SIZE;
    headers.set(JAVA_LONG, h + MSGHDR_CONTROL_OFFSET, control ? controls.address() + (long) i * CONTROL_SLOT : 0L);
    headers.set(JAVA_LONG, h + MSGHDR_CONTROLLEN_OFFSET, control ? CONTROL_SLOT : 0L);
    iovecs.set(JAVA_LONG, (long) i * IOVEC_SIZE + IOVEC_LEN_OFFSET, bufferSize);
    headers.set(JAVA_INT, h + MSGHDR_NAMELEN_OFFSET, SOCKADDR_IN6_SIZE);
    headers.set(JAVA_INT, h + MSGHDR_FLAGS_OFFSET, 0);
    headers.set(JAVA_INT, h + MMSGHDR_LEN_OFFSET, 0);
  }

  /** Bytes the kernel moved for message {@code i} ({@code msg_len}). */
  public int length(int i) {
    return headers.get(JAVA_INT, (long) i * MMSGHDR_SIZE + MMSGHDR_LEN_OFFSET);
  }

  /** {@code msg_flags} of message {@code i} after recvmmsg. */
  public int flags(int i) {
    return headers.get(JAVA_INT, (long) i * MMSGHDR_SIZE + MSGHDR_FLAGS_OFFSET);
  }

  /** Copies the received datagram {@code i} ({@link #length} bytes) into {@code dst[off..]}. */
  public void copyOut(int i, byte[] dst, int off) {
    MemorySegment.copy(buffers, JAVA_BYTE, (long) i * bufferSize, dst, off, length(i));
  }

  /** Copies {@code len} bytes of {@code src[off..]} into message {@code i} as its payload for sendmmsg. */
  public void copyIn(int i, byte[] src, int off, int len) {
    MemorySegment.copy(src, off, buffers, JAVA_BYTE, (long) i * bufferSize, len);
    iovecs.set(JAVA_LONG, (long) i * IOVEC_SIZE + IOVEC_LEN_OFFSET, len);
  }

  /**
   * The segment size the kernel reported in a {@code UDP_GRO} control message of received message {@code i}, or
   * 0 when there is none (the message is one datagram).
   */
  public int receivedSegmentSize(int i) {
    long h = (long) i * MMSGHDR_SIZE;
    long len = headers.get(JAVA_LONG, h + MSGHDR_CONTROLLEN_OFFSET);
    if (headers.get(JAVA_LONG, h + MSGHDR_CONTROL_OFFSET) == 0 || len < CMSG_DATA_OFFSET + 4) {
      return 0;
    }
    long c = (long) i * CONTROL_SLOT;
    if (controls.get(JAVA_INT, c + CMSG_LEVEL_OFFSET) != SOL_UDP
        || controls.get(JAVA_INT, c + CMSG_TYPE_OFFSET) != UDP_GRO
        || controls.get(JAVA_LONG, c + CMSG_LEN_OFFSET) < CMSG_DATA_OFFSET + 4) {
      return 0;
    }
    return controls.get(JAVA_INT, c + CMSG_DATA_OFFSET);
  }

  /** Copies {@code len} bytes of received message {@code i} from {@code from} into {@code dst[off..]}. */
  public void copyOut(int i, int from, byte[] dst, int off, int len) {
    MemorySegment.copy(buffers, JAVA_BYTE, (long) i * bufferSize + from, dst, off, len);
  }

  /**
   * Appends {@code len} bytes of {@code src[off..]} to the payload of message {@code i}, which already holds
   * {@code at} bytes (for several datagrams in one message with {@link #segmentSize}).
   */
  public void append(int i, int at, byte[] src, int off, int len) {
    MemorySegment.copy(src, off, buffers, JAVA_BYTE, (long) i * bufferSize + at, len);
    iovecs.set(JAVA_LONG, (long) i * IOVEC_SIZE + IOVEC_LEN_OFFSET, at + len);
  }

  /**
   * Sets the {@code UDP_SEGMENT} size of message {@code i} for sendmmsg: its payload goes out as datagrams of
   * {@code size} bytes (the last one shorter); 0 sends it as one datagram, without a control message.
   */
  public void segmentSize(int i, int size) {
    long h = (long) i * MMSGHDR_SIZE;
    if (size == 0) {
      headers.set(JAVA_LONG, h + MSGHDR_CONTROL_OFFSET, 0L);
      headers.set(JAVA_LONG, h + MSGHDR_CONTROLLEN_OFFSET, 0L);
      return;
    }
    long c = (long) i * CONTROL_SLOT;
    controls.set(JAVA_LONG, c + CMSG_LEN_OFFSET, CMSG_DATA_OFFSET + 2L);
    controls.set(JAVA_INT, c + CMSG_LEVEL_OFFSET, SOL_UDP);
    controls.set(JAVA_INT, c + CMSG_TYPE_OFFSET, UDP_SEGMENT);
    controls.set(JAVA_SHORT, c + CMSG_DATA_OFFSET, (short) size);
    headers.set(JAVA_LONG, h + MSGHDR_CONTROL_OFFSET, controls.address() + c);
    headers.set(JAVA_LONG, h + MSGHDR_CONTROLLEN_OFFSET, CMSG_SPACE_INT);
  }

  /** All address slots; the kernel writes the source of message {@code i} at {@link #addressOffset(int)}. */
  public MemorySegment addresses() {
    return addresses;
  }

  /** Where the address slot of message {@code i} starts in {@link #addresses()} (8-byte aligned). */
  public long addressOffset(int i) {
    return (long) i * ADDRESS_SLOT;
  }

  /** {@code msg_namelen} of message {@code i}: the address length the kernel wrote on receive. */
  public int addressLength(int i) {
    return headers.get(JAVA_INT, (long) i * MMSGHDR_SIZE + MSGHDR_NAMELEN_OFFSET);
  }

  /** Sets the destination of message {@code i} from an encoded sockaddr in {@code sockaddr[0..len)}. */
  public void destination(int i, byte[] sockaddr, int len) {
    MemorySegment.copy(sockaddr, 0, addresses, JAVA_BYTE, (long) i * ADDRESS_SLOT, len);
    headers.set(JAVA_INT, (long) i * MMSGHDR_SIZE + MSGHDR_NAMELEN_OFFSET, len);
  }

  /** Reads the address family of slot {@code i} ({@code AF_INET} or {@code AF_INET6}). */
  public int family(int i) {
    return addresses.get(JAVA_SHORT, (long) i * ADDRESS_SLOT + SOCKADDR_FAMILY_OFFSET) & 0xffff;
  }

  /** Reads the port of slot {@code i} (big-endian on the wire). */
  public int port(int i) {
    return addresses.get(PORT_BE, (long) i * ADDRESS_SLOT + SOCKADDR_PORT_OFFSET) & 0xffff;
  }
}
