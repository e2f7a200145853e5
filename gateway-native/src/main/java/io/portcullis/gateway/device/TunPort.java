package io.portcullis.gateway.device;

import io.portcullis.gateway.conn.PacketBatch;
import java.io.IOException;

/**
 * The IP side of a userspace device, batch-shaped so that a TUN with vnet_hdr (TSO/GRO) can later deliver
 * several packets per call without changing the data plane. Implemented over a real TUN interface and in memory
 * for tests.
 *
 * <p>{@link #read} is called by the send thread only; {@link #write} by the receive thread only.
 */
public interface TunPort extends AutoCloseable {

  /** The interface name. */
  String name();

  /**
   * Reads IP packets into {@code batch} from index 0, each at offset {@link PacketBatch#headroom()}, waiting at
   * most a short poll interval.
   *
   * @return the number of packets, 0 after the poll interval without any, -1 once closed
   */
  int read(PacketBatch batch) throws IOException;

  /** Writes one IP packet. */
  void write(byte[] buf, int off, int len) throws IOException;

  /** The MTU of the interface (what the send path pads to). */
  int mtu();

  @Override
  void close();
}
