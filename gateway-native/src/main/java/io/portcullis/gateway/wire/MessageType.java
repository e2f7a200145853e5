package io.portcullis.gateway.wire;

/** Classifies a received datagram by its first four bytes and its exact length, before anything else is read. */
public final class MessageType {
  /** Returned for anything that is not a well-formed header of a known type and size. */
  public static final int INVALID = 0;

  private MessageType() {}

  /**
   * The message type (1..4) if the type byte is known, the three reserved bytes are zero and the length is the
   * exact size of that type (or at least {@link Protocol#MESSAGE_TRANSPORT_MIN_SIZE} for data); otherwise
   * {@link #INVALID}.
   */
  public static int classify(byte[] buf, int off, int len) {
    if (len < 4) {
      return INVALID;
    }
    int header = LittleEndian.getInt(buf, off);
    return switch (header) {
      case Protocol.MESSAGE_INITIATION_TYPE ->
          len == Protocol.MESSAGE_INITIATION_SIZE ? Protocol.MESSAGE_INITIATION_TYPE : INVALID;
      case Protocol.MESSAGE_RESPONSE_TYPE ->
          len == Protocol.MESSAGE_RESPONSE_SIZE ? Protocol.MESSAGE_RESPONSE_TYPE : INVALID;
      case Protocol.MESSAGE_COOKIE_REPLY_TYPE ->
          len == Protocol.MESSAGE_COOKIE_REPLY_SIZE ? Protocol.MESSAGE_COOKIE_REPLY_TYPE : INVALID;
      case Protocol.MESSAGE_TRANSPORT_TYPE ->
          len >= Protocol.MESSAGE_TRANSPORT_MIN_SIZE ? Protocol.MESSAGE_TRANSPORT_TYPE : INVALID;
      default -> INVALID;
    };
  }
}
