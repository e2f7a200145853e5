package io.portcullis.gateway.netlink;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds netlink bytes for tests straight from the layout in the kernel headers, independently of the
 * production writer: {@code nlmsghdr}, attributes padded to 4, nests with NLA_F_NESTED, little-endian integers
 * (the hosts we run on).
 */
public final class ExpectedBytes {
  private ExpectedBytes() {}

  public static byte[] message(int type, int flags, int seq, byte[]... parts) {
    byte[] payload = concat(parts);
    ByteBuffer b = ByteBuffer.allocate(16 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(16 + payload.length).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
    b.put(payload);
    return b.array();
  }

  /** A genlmsghdr: cmd, version, two reserved bytes. */
  public static byte[] genl(int cmd, int version) {
    return new byte[] {(byte) cmd, (byte) version, 0, 0};
  }

  public static byte[] attr(int type, byte[] payload) {
    int len = 4 + payload.length;
    int padded = (len + 3) & ~3;
    ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) len).putShort((short) type).put(payload);
    return b.array();
  }

  public static byte[] nest(int type, byte[]... children) {
    byte[] body = concat(children);
    ByteBuffer b = ByteBuffer.allocate(4 + body.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) (4 + body.length)).putShort((short) (type | 0x8000)).put(body);
    return b.array();
  }

  public static byte[] u8(int type, int v) {
    return attr(type, new byte[] {(byte) v});
  }

  public static byte[] u16(int type, int v) {
    return attr(type, ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array());
  }

  public static byte[] u32(int type, int v) {
    return attr(type, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
  }

  public static byte[] u64(int type, long v) {
    return attr(type, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
  }

  public static byte[] string(int type, String s) {
    byte[] raw = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] z = new byte[raw.length + 1];
    System.arraycopy(raw, 0, z, 0, raw.length);
    return attr(type, z);
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
