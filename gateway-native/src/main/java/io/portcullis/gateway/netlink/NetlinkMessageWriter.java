package io.portcullis.gateway.netlink;

import static io.portcullis.gateway.netlink.NetlinkUapi.NLA_F_NESTED;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLA_HDRLEN;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSG_FLAGS_OFFSET;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSG_HDRLEN;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSG_LEN_OFFSET;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSG_PID_OFFSET;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSG_SEQ_OFFSET;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSG_TYPE_OFFSET;
import static io.portcullis.gateway.netlink.NetlinkUapi.align;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds one netlink message at a time into a reusable {@link MemorySegment}: the {@code nlmsghdr}, a family
 * header ({@link #putStruct}), then attributes, nested ones included. Header and attribute integers are in host
 * byte order as netlink wants; padding is always written as zeros, so the bytes are reproducible.
 *
 * <p>A {@link #limit(int) limit} smaller than the buffer makes the writer behave like a socket buffer of that
 * size; {@link #remaining()} lets encoders split large requests (WG_CMD_SET_DEVICE) before they overflow. Not
 * thread-safe.
 */
public final class NetlinkMessageWriter {
  private static final ValueLayout.OfShort U16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
  private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
  private static final ValueLayout.OfLong U64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.nativeOrder());

  private final MemorySegment buffer;
  private int limit;
  private int position;

  public NetlinkMessageWriter(MemorySegment buffer) {
    this.buffer = buffer;
    this.limit = (int) Math.min(Integer.MAX_VALUE, buffer.byteSize());
  }

  /** Caps every message at {@code maxBytes} (at most the buffer size). */
  public NetlinkMessageWriter limit(int maxBytes) {
    if (maxBytes < NLMSG_HDRLEN || maxBytes > buffer.byteSize()) {
      throw new IllegalArgumentException("limit " + maxBytes + " outside 16.." + buffer.byteSize());
    }
    this.limit = maxBytes;
    return this;
  }

  /** Starts a new message, discarding anything written before. */
  public NetlinkMessageWriter begin(int type, int flags, int seq) {
    position = 0;
    ensure(NLMSG_HDRLEN);
    buffer.set(U32, NLMSG_LEN_OFFSET, 0);
    buffer.set(U16, NLMSG_TYPE_OFFSET, (short) type);
    buffer.set(U16, NLMSG_FLAGS_OFFSET, (short) flags);
    buffer.set(U32, NLMSG_SEQ_OFFSET, seq);
    buffer.set(U32, NLMSG_PID_OFFSET, 0);
    position = NLMSG_HDRLEN;
    return this;
  }

  /** Reserves a zeroed, aligned family header of {@code size} bytes and returns its offset. */
  public int putStruct(int size) {
    int at = position;
    int padded = align(size);
    ensure(padded);
    buffer.asSlice(at, padded).fill((byte) 0);
    position += padded;
    return at;
  }

  /** Writes a byte at an absolute offset (inside a struct reserved with {@link #putStruct}). */
  public void setU8(int offset, int value) {
    buffer.set(ValueLayout.JAVA_BYTE, offset, (byte) value);
  }

  public void setU16(int offset, int value) {
    buffer.set(U16, offset, (short) value);
  }

  public void setU32(int offset, int value) {
    buffer.set(U32, offset, value);
  }

  public void putU8(int type, int value) {
    int at = attribute(type, 1);
    buffer.set(ValueLayout.JAVA_BYTE, at, (byte) value);
  }

  public void putU16(int type, int value) {
    int at = attribute(type, 2);
    buffer.set(U16, at, (short) value);
  }

  public void putU32(int type, int value) {
    int at = attribute(type, 4);
    buffer.set(U32, at, value);
  }

  public void putU64(int type, long value) {
    int at = attribute(type, 8);
    buffer.set(U64, at, value);
  }

  /** An attribute with no payload (NLA_FLAG). */
  public void putFlag(int type) {
    attribute(type, 0);
  }

  public void putBytes(int type, byte[] value) {
    putBytes(type, value, 0, value.length);
  }

  public void putBytes(int type, byte[] value, int off, int len) {
    int at = attribute(type, len);
    MemorySegment.copy(value, off, buffer, ValueLayout.JAVA_BYTE, at, len);
  }

  /** A NUL-terminated string (NLA_NUL_STRING / NLA_STRING as iproute2 sends them). */
  public void putString(int type, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    int at = attribute(type, bytes.length + 1);
    MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, at, bytes.length);
    buffer.set(ValueLayout.JAVA_BYTE, at + bytes.length, (byte) 0);
  }

  /** Opens a nested attribute (NLA_F_NESTED set, as libmnl does); returns its offset for {@link #nestEnd}. */
  public int nestStart(int type) {
    int at = position;
    attribute(type | NLA_F_NESTED, 0);
    return at;
  }

  /** Closes the nested attribute opened at {@code start}: its length now covers everything since. */
  public void nestEnd(int start) {
    buffer.set(U16, start, (short) (position - start));
  }

  /** Drops everything written from {@code offset} on (an attribute or nest that did not fit). */
  public void rewind(int offset) {
    if (offset < NLMSG_HDRLEN || offset > position) {
      throw new IllegalArgumentException("cannot rewind to " + offset);
    }
    position = offset;
  }

  /** Bytes written so far in this message. */
  public int position() {
    return position;
  }

  /** Bytes still available under the limit. */
  public int remaining() {
    return limit - position;
  }

  /** Sets nlmsg_len and returns the finished message (a view of the buffer, valid until the next begin). */
  public MemorySegment finish() {
    buffer.set(U32, NLMSG_LEN_OFFSET, position);
    return buffer.asSlice(0, position);
  }

  /** Patches the sequence number of the message being written (or just finished). */
  public void sequence(int seq) {
    buffer.set(U32, NLMSG_SEQ_OFFSET, seq);
  }

  private int attribute(int type, int payload) {
    int total = align(NLA_HDRLEN + payload);
    ensure(total);
    int at = position;
    buffer.set(U16, at, (short) (NLA_HDRLEN + payload));
    buffer.set(U16, at + 2, (short) type);
    // Zero the padding; the payload is written by the caller.
    for (int i = NLA_HDRLEN + payload; i < total; i++) {
      buffer.set(ValueLayout.JAVA_BYTE, at + i, (byte) 0);
    }
    position += total;
    return at + NLA_HDRLEN;
  }

  private void ensure(int bytes) {
    if (position + bytes > limit) {
      throw new IllegalStateException(
          "netlink message would exceed " + limit + " bytes (" + position + " + " + bytes + ")");
    }
  }
}
