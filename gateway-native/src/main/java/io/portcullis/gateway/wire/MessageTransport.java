package io.portcullis.gateway.wire;

/**
 * Flyweight over a transport data message (paper 5.4.6), all integers little-endian:
 *
 * <pre>
 * struct message_data {
 *   u8  type;               // 4            offset 0
 *   u8  reserved_zero[3];   //              offset 1
 *   u32 receiver_index;     //              offset 4
 *   u64 counter;            //              offset 8
 *   u8  encrypted_data[];   // padded plaintext + 16-byte tag, offset 16
 * };
 * </pre>
 */
public final class MessageTransport {
  public static final int TYPE_OFFSET = 0;
  public static final int RECEIVER_OFFSET = 4;
  public static final int COUNTER_OFFSET = 8;
  public static final int DATA_OFFSET = Protocol.MESSAGE_TRANSPORT_HEADER_SIZE;

  private MessageTransport() {}

  /** Writes type, reserved, receiver index and counter in front of the payload at {@code off}. */
  public static void writeHeader(byte[] buf, int off, int receiverIndex, long counter) {
    LittleEndian.putInt(buf, off + TYPE_OFFSET, Protocol.MESSAGE_TRANSPORT_TYPE);
    LittleEndian.putInt(buf, off + RECEIVER_OFFSET, receiverIndex);
    LittleEndian.putLong(buf, off + COUNTER_OFFSET, counter);
  }

  public static int receiverIndex(byte[] buf, int off) {
    return LittleEndian.getInt(buf, off + RECEIVER_OFFSET);
  }

  public static long counter(byte[] buf, int off) {
    return LittleEndian.getLong(buf, off + COUNTER_OFFSET);
  }

  /** Length of the padded plaintext for an IP packet of {@code len} bytes under an interface MTU. */
  public static int paddedLength(int len, int mtu) {
    int padded = (len + Protocol.MESSAGE_PADDING_MULTIPLE - 1) & -Protocol.MESSAGE_PADDING_MULTIPLE;
    if (len <= mtu && padded > mtu) {
      return mtu;
    }
    return padded;
  }
}
