package io.portcullis.gateway.wire;

/**
 * Flyweight over a handshake initiation (paper 5.4.2), all integers little-endian:
 *
 * <pre>
 * struct message_handshake_initiation {   // 148 bytes
 *   u8  type;               // 1            offset 0
 *   u8  reserved_zero[3];   //              offset 1
 *   u32 sender_index;       //              offset 4
 *   u8  unencrypted_ephemeral[32];       // offset 8
 *   u8  encrypted_static[32 + 16];       // offset 40
 *   u8  encrypted_timestamp[12 + 16];    // offset 88
 *   u8  mac1[16];                        // offset 116
 *   u8  mac2[16];                        // offset 132
 * };
 * </pre>
 *
 * <p>It holds no state besides the wrapped buffer and offset, so one instance per thread serves every packet.
 */
public final class MessageInitiation {
  public static final int TYPE_OFFSET = 0;
  public static final int SENDER_OFFSET = 4;
  public static final int EPHEMERAL_OFFSET = 8;
  public static final int STATIC_OFFSET = 40;
  public static final int STATIC_SIZE = Protocol.KEY_SIZE + Protocol.AEAD_TAG_SIZE;
  public static final int TIMESTAMP_OFFSET = 88;
  public static final int TIMESTAMP_SIZE = Protocol.TIMESTAMP_SIZE + Protocol.AEAD_TAG_SIZE;
  public static final int MAC1_OFFSET = 116;
  public static final int MAC2_OFFSET = 132;
  public static final int SIZE = Protocol.MESSAGE_INITIATION_SIZE;

  private byte[] buf;
  private int off;

  /** Points this flyweight at a message starting at {@code off}; the caller checked the length. */
  public MessageInitiation wrap(byte[] buffer, int offset) {
    this.buf = buffer;
    this.off = offset;
    return this;
  }

  public byte[] buffer() {
    return buf;
  }

  public int offset() {
    return off;
  }

  /** Writes the type byte and zeroes the reserved bytes. */
  public MessageInitiation writeHeader() {
    LittleEndian.putInt(buf, off + TYPE_OFFSET, Protocol.MESSAGE_INITIATION_TYPE);
    return this;
  }

  public int senderIndex() {
    return LittleEndian.getInt(buf, off + SENDER_OFFSET);
  }

  public MessageInitiation senderIndex(int index) {
    LittleEndian.putInt(buf, off + SENDER_OFFSET, index);
    return this;
  }

  /** Absolute offset of a field in {@link #buffer()}. */
  public int at(int fieldOffset) {
    return off + fieldOffset;
  }
}
