package io.portcullis.gateway.tun;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The header a TUN device opened with {@code IFF_VNET_HDR} puts in front of every packet it reads and expects in
 * front of every packet written to it: {@code struct virtio_net_hdr} from linux/virtio_net.h, 10 bytes, in the
 * host's byte order (little-endian here; the legacy virtio layout the TUN driver uses unless told otherwise):
 *
 * <pre>
 * struct virtio_net_hdr {
 *   __u8  flags;        // 0: VIRTIO_NET_HDR_F_NEEDS_CSUM, F_DATA_VALID
 *   __u8  gso_type;     // 1: VIRTIO_NET_HDR_GSO_NONE, TCPV4, UDP, TCPV6, UDP_L4; | GSO_ECN
 *   __u16 hdr_len;      // 2: length of the headers before the payload (a hint: not trusted here)
 *   __u16 gso_size;     // 4: payload bytes per segment
 *   __u16 csum_start;   // 6: where checksumming starts (the L4 header)
 *   __u16 csum_offset;  // 8: where, from csum_start, the checksum goes
 * };
 * </pre>
 *
 * Flyweight accessors over a {@code byte[]}; stateless.
 */
public final class VirtioNetHdr {
  /** {@code sizeof(struct virtio_net_hdr)}. */
  public static final int SIZE = 10;

  public static final int FLAGS_OFFSET = 0;
  public static final int GSO_TYPE_OFFSET = 1;
  public static final int HDR_LEN_OFFSET = 2;
  public static final int GSO_SIZE_OFFSET = 4;
  public static final int CSUM_START_OFFSET = 6;
  public static final int CSUM_OFFSET_OFFSET = 8;

  /** The checksum from csum_start on is not computed yet; the field holds the pseudo-header sum. */
  public static final int F_NEEDS_CSUM = 1;
  /** The checksum was already verified (only on packets given to the guest; ignored here). */
  public static final int F_DATA_VALID = 2;

  public static final int GSO_NONE = 0;
  public static final int GSO_TCPV4 = 1;
  /** UDP fragmentation offload (UFO): never enabled here. */
  public static final int GSO_UDP = 3;
  public static final int GSO_TCPV6 = 4;
  /** UDP segmentation (USO, Linux 6.2+): each segment a UDP datagram of its own. */
  public static final int GSO_UDP_L4 = 5;
  /** Flag bit of gso_type: the TCP stream uses ECN (the CWR flag goes on the first segment only). */
  public static final int GSO_ECN = 0x80;

  private static final VarHandle U16_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  private VirtioNetHdr() {}

  public static int flags(byte[] b, int off) {
    return b[off + FLAGS_OFFSET] & 0xff;
  }

  public static int gsoType(byte[] b, int off) {
    return b[off + GSO_TYPE_OFFSET] & 0xff;
  }

  public static int hdrLen(byte[] b, int off) {
    return (short) U16_LE.get(b, off + HDR_LEN_OFFSET) & 0xffff;
  }

  public static int gsoSize(byte[] b, int off) {
    return (short) U16_LE.get(b, off + GSO_SIZE_OFFSET) & 0xffff;
  }

  public static int csumStart(byte[] b, int off) {
    return (short) U16_LE.get(b, off + CSUM_START_OFFSET) & 0xffff;
  }

  public static int csumOffset(byte[] b, int off) {
    return (short) U16_LE.get(b, off + CSUM_OFFSET_OFFSET) & 0xffff;
  }

  /** Writes a whole header. */
  public static void write(
      byte[] b, int off, int flags, int gsoType, int hdrLen, int gsoSize, int csumStart, int csumOffset) {
    b[off + FLAGS_OFFSET] = (byte) flags;
    b[off + GSO_TYPE_OFFSET] = (byte) gsoType;
    U16_LE.set(b, off + HDR_LEN_OFFSET, (short) hdrLen);
    U16_LE.set(b, off + GSO_SIZE_OFFSET, (short) gsoSize);
    U16_LE.set(b, off + CSUM_START_OFFSET, (short) csumStart);
    U16_LE.set(b, off + CSUM_OFFSET_OFFSET, (short) csumOffset);
  }

  /** Writes the header of a plain packet: no checksum to complete, no segmentation. */
  public static void writeNone(byte[] b, int off) {
    write(b, off, 0, GSO_NONE, 0, 0, 0, 0);
  }
}
