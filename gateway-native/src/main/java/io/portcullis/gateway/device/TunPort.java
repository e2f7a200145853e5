package io.portcullis.gateway.device;

import io.portcullis.gateway.conn.PacketBatch;
import java.io.IOException;

/**
 * The IP side of a userspace device, batch-shaped: a TUN with offloads (vnet_hdr, TSO/USO, GRO) delivers and
 * takes plain IP packets here; splitting and coalescing happen behind this interface. Implemented over a real
 * TUN interface and in memory for tests.
 *
 * <p>{@link #read} is called by the send thread only; {@link #write} and {@link #flush} by the receive thread
 * only.
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

  /**
   * Writes one IP packet, now or at the next {@link #flush} (which may join it with others of its TCP flow): the
   * port may keep a reference to {@code buf} until then and may overwrite the 16 bytes in front of {@code off}
   * ({@code off >= 16}).
   */
  void write(byte[] buf, int off, int len) throws IOException;

  /** Writes whatever {@link #write} kept back; the caller calls it before reusing the buffers it wrote from. */
  default void flush() throws IOException {}

  /** Gives the port the device's counters for what it drops and does (once, before the first read). */
  default void counters(DeviceCounters counters) {}

  /** The MTU of the interface (what the send path pads to). */
  int mtu();

  @Override
  void close();
}
