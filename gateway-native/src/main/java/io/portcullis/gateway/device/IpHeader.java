package io.portcullis.gateway.device;

/**
 * Offsets into IPv4 (RFC 791, https://www.rfc-editor.org/rfc/rfc791) and IPv6 (RFC 8200,
 * https://www.rfc-editor.org/rfc/rfc8200) headers, and the length check of a decrypted inner packet.
 */
final class IpHeader {
  static final int IPV4_MIN_HEADER = 20;
  static final int IPV4_TOTAL_LENGTH_OFFSET = 2;
  static final int IPV4_SRC_OFFSET = 12;
  static final int IPV4_DST_OFFSET = 16;
  static final int IPV6_HEADER = 40;
  static final int IPV6_PAYLOAD_LENGTH_OFFSET = 4;
  static final int IPV6_SRC_OFFSET = 8;
  static final int IPV6_DST_OFFSET = 24;

  private IpHeader() {}

  private static int u16(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }

  /**
   * The length the IP header claims for the packet at {@code off} of which {@code available} bytes (padding
   * included) were decrypted, or -1 if it is not IPv4/IPv6, is truncated, or claims more than is there.
   */
  static int innerLength(byte[] b, int off, int available) {
    if (available < 1) {
      return -1;
    }
    int version = (b[off] & 0xff) >>> 4;
    int len;
    if (version == 4) {
      if (available < IPV4_MIN_HEADER) {
        return -1;
      }
      len = u16(b, off + IPV4_TOTAL_LENGTH_OFFSET);
      if (len < IPV4_MIN_HEADER) {
        return -1;
      }
    } else if (version == 6) {
      if (available < IPV6_HEADER) {
        return -1;
      }
      len = IPV6_HEADER + u16(b, off + IPV6_PAYLOAD_LENGTH_OFFSET);
    } else {
      return -1;
    }
    return len <= available ? len : -1;
  }
}
