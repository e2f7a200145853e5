package io.portcullis.gateway.wire;

/**
 * Flyweight over a cookie reply (paper 5.4.7), all integers little-endian:
 *
 * <pre>
 * struct message_handshake_cookie {       // 64 bytes
 *   u8  type;               // 3            offset 0
 *   u8  reserved_zero[3];   //              offset 1
 *   u32 receiver_index;     //              offset 4
 *   u8  nonce[24];          //              offset 8
 *   u8  encrypted_cookie[16 + 16];       // offset 32
 * };
 * </pre>
 */
public final class MessageCookieReply {
  public static final int TYPE_OFFSET = 0;
  public static final int RECEIVER_OFFSET = 4;
  public static final int NONCE_OFFSET = 8;
  public static final int COOKIE_OFFSET = 32;
  public static final int COOKIE_SIZE = Protocol.MAC_SIZE + Protocol.AEAD_TAG_SIZE;
  public static final int SIZE = Protocol.MESSAGE_COOKIE_REPLY_SIZE;

  private byte[] buf;
  private int off;

  /** Points this flyweight at a message starting at {@code off}; the caller checked the length. */
  public MessageCookieReply wrap(byte[] buffer, int offset) {
    this.buf = buffer;
    this.off = offset;
    return this;
  }

  public byte[] buffer() {
    return buf;
  }

  /** Writes the type byte and zeroes the reserved bytes. */
  public MessageCookieReply writeHeader() {
    LittleEndian.putInt(buf, off + TYPE_OFFSET, Protocol.MESSAGE_COOKIE_REPLY_TYPE);
    return this;
  }

  public int receiverIndex() {
    return LittleEndian.getInt(buf, off + RECEIVER_OFFSET);
  }

  public MessageCookieReply receiverIndex(int index) {
    LittleEndian.putInt(buf, off + RECEIVER_OFFSET, index);
    return this;
  }

  /** Absolute offset of a field in {@link #buffer()}. */
  public int at(int fieldOffset) {
    return off + fieldOffset;
  }
}
