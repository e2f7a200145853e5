package io.portcullis.gateway.tun;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071, https://www.rfc-editor.org/rfc/rfc1071): the ones'-complement sum of 16-bit
 * big-endian words, and the TCP/UDP pseudo-headers of IPv4 (RFC 9293 3.1) and IPv6 (RFC 8200 8.1).
 *
 * <p>Sums are carried unfolded in a {@code long} so that several ranges can be added before one {@link #fold}.
 * Stateless; any thread.
 */
public final class Checksum {
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  /** IP protocol number of TCP. */
  public static final int TCP = 6;
  /** IP protocol number of UDP. */
  public static final int UDP = 17;

  private Checksum() {}

  /**
   * Adds the bytes {@code b[off, off+len)} as big-endian 16-bit words (an odd last byte padded with zero) to
   * {@code sum}. Four bytes at a time: the 32-bit halves add up to the same ones'-complement sum once folded.
   */
  public static long add(byte[] b, int off, int len, long sum) {
    int i = off;
    int end = off + len;
    for (; i + 4 <= end; i += 4) {
      sum += (int) INT_BE.get(b, i) & 0xffffffffL;
    }
    if (i + 2 <= end) {
      sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
      i += 2;
    }
    if (i < end) {
      sum += (b[i] & 0xff) << 8;
    }
    return sum;
  }

  /** Folds an unfolded sum to 16 bits (end-around carry), not complemented. */
  public static int fold(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) sum;
  }

  /**
   * The checksum to store: the complement of the folded sum, with 0 sent as 0xffff (the other zero of the
   * ones'-complement, so that UDP's "no checksum" value never appears; TCP accepts either).
   */
  public static int finish(long sum) {
    int c = ~fold(sum) & 0xffff;
    return c == 0 ? 0xffff : c;
  }

  /**
   * The unfolded pseudo-header sum for TCP/UDP over IPv4 or IPv6: source and destination address (4 or 16 bytes
   * each, at {@code srcOff} and {@code dstOff}), protocol and the L4 length.
   */
  public static long pseudoHeader(byte[] b, int srcOff, int dstOff, int addrLen, int protocol, int l4Length) {
    long sum = add(b, srcOff, addrLen, 0);
    sum = add(b, dstOff, addrLen, sum);
    return sum + protocol + l4Length;
  }

  /** Reads a big-endian 16-bit field. */
  static int u16(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }

  /** Writes a big-endian 16-bit field. */
  static void u16(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 8);
    b[off + 1] = (byte) v;
  }

  /** Reads a big-endian 32-bit field. */
  static int u32(byte[] b, int off) {
    return (int) INT_BE.get(b, off);
  }

  /** Writes a big-endian 32-bit field. */
  static void u32(byte[] b, int off, int v) {
    INT_BE.set(b, off, v);
  }
}
