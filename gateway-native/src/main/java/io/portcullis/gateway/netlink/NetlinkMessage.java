package io.portcullis.gateway.netlink;

import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSGERR_ATTR_MSG;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSGERR_ATTR_OFFS;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSG_DONE;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSG_ERROR;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSG_FLAGS_OFFSET;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSG_HDRLEN;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSG_LEN_OFFSET;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSG_PID_OFFSET;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSG_SEQ_OFFSET;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLMSG_TYPE_OFFSET;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLM_F_ACK_TLVS;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLM_F_CAPPED;
import static io.portcullis.gateway.netlink.NetlinkUapi.align;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A flyweight over the netlink messages of one received datagram: {@link #next()} steps from message to message,
 * the getters read the current {@code nlmsghdr} and payload in place. Framing errors are {@link
 * MalformedNetlinkException}s; the walk always advances, so it always ends. Not thread-safe; reusable through
 * {@link #wrap}.
 */
public final class NetlinkMessage {
  private static final ValueLayout.OfShort U16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
  private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());

  private MemorySegment segment = MemorySegment.NULL;
  private long end;
  private long nextOffset;
  private long offset = -1;
  private int length;

  /** Points the flyweight at {@code segment[0, length)}; call {@link #next()} for the first message. */
  public NetlinkMessage wrap(MemorySegment segment, long length) {
    this.segment = segment;
    this.end = Math.min(length, segment.byteSize());
    this.nextOffset = 0;
    this.offset = -1;
    return this;
  }

  /** Moves to the next message; false when the datagram is exhausted. */
  public boolean next() throws MalformedNetlinkException {
    if (nextOffset >= end) {
      return false;
    }
    if (end - nextOffset < NLMSG_HDRLEN) {
      throw new MalformedNetlinkException("truncated message header at " + nextOffset);
    }
    int len = segment.get(U32, nextOffset + NLMSG_LEN_OFFSET);
    if (len < NLMSG_HDRLEN || len > end - nextOffset) {
      throw new MalformedNetlinkException(
          "message length " + Integer.toUnsignedString(len) + " at " + nextOffset + " is invalid");
    }
    offset = nextOffset;
    length = len;
    nextOffset = offset + align(len);
    return true;
  }

  public int type() {
    return Short.toUnsignedInt(segment.get(U16, offset + NLMSG_TYPE_OFFSET));
  }

  public int flags() {
    return Short.toUnsignedInt(segment.get(U16, offset + NLMSG_FLAGS_OFFSET));
  }

  public int sequence() {
    return segment.get(U32, offset + NLMSG_SEQ_OFFSET);
  }

  public int portId() {
    return segment.get(U32, offset + NLMSG_PID_OFFSET);
  }

  /** Total length of this message, header included. */
  public int length() {
    return length;
  }

  /** Absolute offset of the payload (the family header) in {@link #segment()}. */
  public long payloadOffset() {
    return offset + NLMSG_HDRLEN;
  }

  public int payloadLength() {
    return length - NLMSG_HDRLEN;
  }

  public MemorySegment segment() {
    return segment;
  }

  /** Byte {@code at} bytes into the payload, which must hold it. */
  public int payloadU8(int at) throws MalformedNetlinkException {
    need(at, 1);
    return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, payloadOffset() + at));
  }

  public int payloadU16(int at) throws MalformedNetlinkException {
    need(at, 2);
    return Short.toUnsignedInt(segment.get(U16, payloadOffset() + at));
  }

  public int payloadU32(int at) throws MalformedNetlinkException {
    need(at, 4);
    return segment.get(U32, payloadOffset() + at);
  }

  /** The attributes after a family header of {@code headerSize} bytes (padded to 4). */
  public NetlinkAttributes attributes(int headerSize) throws MalformedNetlinkException {
    int skip = align(headerSize);
    if (skip > payloadLength()) {
      throw new MalformedNetlinkException(
          "message type " + type() + " has " + payloadLength() + " payload bytes, header needs " + skip);
    }
    return NetlinkAttributes.over(segment, payloadOffset() + skip, offset + length);
  }

  /**
   * For {@code NLMSG_ERROR} and {@code NLMSG_DONE}: the error as a negative errno, 0 for an acknowledgement.
   */
  public int error() throws MalformedNetlinkException {
    return payloadU32(0);
  }

  /**
   * For a failed {@code NLMSG_ERROR} or {@code NLMSG_DONE}: the exception naming {@code request}, with the
   * extended-ack text and offset when the kernel attached them.
   */
  public NetlinkException toException(String request) throws MalformedNetlinkException {
    int errno = -error();
    String text = null;
    int attributeOffset = -1;
    if ((flags() & NLM_F_ACK_TLVS) != 0) {
      int tlvStart;
      if (type() == NLMSG_ERROR) {
        // struct nlmsgerr: the error, then the request's header, then (unless capped) the request's payload.
        need(4, NLMSG_HDRLEN);
        int echoed = (flags() & NLM_F_CAPPED) != 0 ? NLMSG_HDRLEN : align(payloadU32(4 + NLMSG_LEN_OFFSET));
        tlvStart = 4 + echoed;
      } else if (type() == NLMSG_DONE) {
        tlvStart = 4;
      } else {
        tlvStart = payloadLength();
      }
      if (tlvStart < 0 || tlvStart > payloadLength()) {
        throw new MalformedNetlinkException("extended ack starts past the end of the error message");
      }
      NetlinkAttributes tlv = NetlinkAttributes.over(segment, payloadOffset() + tlvStart, offset + length);
      while (tlv.next()) {
        if (tlv.type() == NLMSGERR_ATTR_MSG) {
          text = tlv.string();
        } else if (tlv.type() == NLMSGERR_ATTR_OFFS) {
          attributeOffset = tlv.u32();
        }
      }
    }
    return new NetlinkException(request, errno, text, attributeOffset);
  }

  private void need(int at, int bytes) throws MalformedNetlinkException {
    if (at < 0 || at + bytes > payloadLength()) {
      throw new MalformedNetlinkException(
          "message type " + type() + " has " + payloadLength() + " payload bytes, reading " + bytes + " at " + at);
    }
  }
}
