package io.portcullis.gateway.wire;

/**
 * Flyweight over a handshake response (paper 5.4.3), all integers little-endian:
 *
 * <pre>
 * struct message_handshake_response {     // 92 bytes
 *   u8  type;               // 2            offset 0
 *   u8  reserved_zero[3];   //              offset 1
 *   u32 sender_index;       //              offset 4
 *   u32 receiver_index;     //              offset 8
 *   u8  unencrypted_ephemeral[32];       // offset 12
 *   u8  encrypted_nothing[0 + 16];       // offset 44
 *   u8  mac1[16];                        // offset 60
 *   u8  mac2[16];                        // offset 76
 * };
 * </pre>
 */
public final class MessageResponse {
  public static final int TYPE_OFFSET = 0;
  public static final int SENDER_OFFSET = 4;
  public static final int RECEIVER_OFFSET = 8;
  public static final int EPHEMERAL_OFFSET = 12;
  public static final int EMPTY_OFFSET = 44;
  public static final int MAC1_OFFSET = 60;
  public static final int MAC2_OFFSET = 76;
  public static final int SIZE = Protocol.MESSAGE_RESPONSE_SIZE;

  private byte[] buf;
  private int off;

  /** Points this flyweight at a message starting at {@code off}; the caller checked the length. */
  public MessageResponse wrap(byte[] buffer, int offset) {
    this.buf = buffer;
    this.off = offset;
    return this;
  }

  public byte[] buffer() {
    return buf;
  }

  /** Writes the type byte and zeroes the reserved bytes. */
  public MessageResponse writeHeader() {
    LittleEndian.putInt(buf, off + TYPE_OFFSET, Protocol.MESSAGE_RESPONSE_TYPE);
    return this;
  }

  public int senderIndex() {
    return LittleEndian.getInt(buf, off + SENDER_OFFSET);
  }

  public MessageResponse senderIndex(int index) {
    LittleEndian.putInt(buf, off + SENDER_OFFSET, index);
    return this;
  }

  public int receiverIndex() {
    return LittleEndian.getInt(buf, off + RECEIVER_OFFSET);
  }

  public MessageResponse receiverIndex(int index) {
    LittleEndian.putInt(buf, off + RECEIVER_OFFSET, index);
    return this;
  }

  /** Absolute offset of a field in {@link #buffer()}. */
  public int at(int fieldOffset) {
    return off + fieldOffset;
  }
}
