package io.portcullis.gateway.netlink;

import static io.portcullis.gateway.netlink.NetlinkUapi.NLA_F_NESTED;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLA_HDRLEN;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLA_TYPE_MASK;
import static io.portcullis.gateway.netlink.NetlinkUapi.align;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over a run of netlink attributes ({@code struct nlattr}, host byte order) in received bytes.
 *
 * <p>Every step validates before reading: a header that does not fit, a length below 4 or past the end, or a
 * payload too short for the requested type is a {@link MalformedNetlinkException}, never an index error. Each
 * {@link #next()} advances by at least 4 bytes, so a walk always ends.
 */
public final class NetlinkAttributes {
  private static final ValueLayout.OfShort U16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
  private static final ValueLayout.OfShort U16_BE =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
  private static final ValueLayout.OfLong U64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.nativeOrder());

  private final MemorySegment segment;
  private final long end;
  private long next;
  private int rawType = -1;
  private long payload;
  private int payloadLength;

  private NetlinkAttributes(MemorySegment segment, long start, long end) {
    this.segment = segment;
    this.next = start;
    this.end = end;
  }

  /** A cursor over {@code segment[start, end)}; the range must lie inside the segment. */
  public static NetlinkAttributes over(MemorySegment segment, long start, long end)
      throws MalformedNetlinkException {
    if (start < 0 || end < start || end > segment.byteSize()) {
      throw new MalformedNetlinkException("attribute range " + start + ".." + end + " outside the message");
    }
    return new NetlinkAttributes(segment, start, end);
  }

  /** Moves to the next attribute; false when the run is exhausted. */
  public boolean next() throws MalformedNetlinkException {
    if (next >= end) {
      return false;
    }
    if (end - next < NLA_HDRLEN) {
      throw new MalformedNetlinkException("truncated attribute header at " + next);
    }
    int length = Short.toUnsignedInt(segment.get(U16, next));
    if (length < NLA_HDRLEN || length > end - next) {
      throw new MalformedNetlinkException("attribute length " + length + " at " + next + " is invalid");
    }
    rawType = Short.toUnsignedInt(segment.get(U16, next + 2));
    payload = next + NLA_HDRLEN;
    payloadLength = length - NLA_HDRLEN;
    next = Math.min(end, next + align(length));
    return true;
  }

  /** The attribute type without the NESTED and NET_BYTEORDER flag bits. */
  public int type() {
    return rawType & NLA_TYPE_MASK;
  }

  /** Whether the sender marked the attribute as nested. */
  public boolean flaggedNested() {
    return (rawType & NLA_F_NESTED) != 0;
  }

  public int payloadLength() {
    return payloadLength;
  }

  /** Offset of the payload in the underlying segment. */
  public long payloadOffset() {
    return payload;
  }

  public int u8() throws MalformedNetlinkException {
    need(1);
    return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, payload));
  }

  public int u16() throws MalformedNetlinkException {
    need(2);
    return Short.toUnsignedInt(segment.get(U16, payload));
  }

  /** A 16-bit value in network byte order (ports). */
  public int u16BigEndian() throws MalformedNetlinkException {
    need(2);
    return Short.toUnsignedInt(segment.get(U16_BE, payload));
  }

  public int u32() throws MalformedNetlinkException {
    need(4);
    return segment.get(U32, payload);
  }

  public long u64() throws MalformedNetlinkException {
    need(8);
    return segment.get(U64, payload);
  }

  /** A copy of the whole payload. */
  public byte[] bytes() {
    return segment.asSlice(payload, payloadLength).toArray(ValueLayout.JAVA_BYTE);
  }

  /** A copy of the payload, which must be exactly {@code length} bytes (keys, addresses). */
  public byte[] bytes(int length) throws MalformedNetlinkException {
    if (payloadLength != length) {
      throw new MalformedNetlinkException(
          "attribute " + type() + " has " + payloadLength + " bytes, expected " + length);
    }
    return bytes();
  }

  /** The payload as text up to the first NUL (or its end). */
  public String string() {
    int n = 0;
    while (n < payloadLength && segment.get(ValueLayout.JAVA_BYTE, payload + n) != 0) {
      n++;
    }
    return new String(segment.asSlice(payload, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
  }

  /** A cursor over the attributes nested in this one. */
  public NetlinkAttributes nested() throws MalformedNetlinkException {
    return over(segment, payload, payload + payloadLength);
  }

  /** The underlying segment (for structs inside a payload, such as sockaddr). */
  public MemorySegment segment() {
    return segment;
  }

  private void need(int bytes) throws MalformedNetlinkException {
    if (payloadLength < bytes) {
      throw new MalformedNetlinkException(
          "attribute " + type() + " has " + payloadLength + " bytes, needs " + bytes);
    }
  }
}
