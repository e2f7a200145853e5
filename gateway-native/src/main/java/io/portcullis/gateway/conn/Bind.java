package io.portcullis.gateway.conn;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The UDP side of a WireGuard device: one listening port for IPv4 and IPv6, batch-shaped so that an
 * implementation over recvmmsg/sendmmsg or UDP GSO/GRO can replace the simple one without touching callers.
 *
 * <p>{@link #receive} is called by one receive thread; {@link #send} may be called from several threads at once.
 */
public interface Bind extends AutoCloseable {

  /** Binds the port ({@code 0} picks one) and returns the port actually bound; rebinding closes the old one. */
  int open(int port) throws IOException;

  /** The bound port, 0 when closed. */
  int port();

  /**
   * Fills {@code batch} from index 0 with received datagrams, each written at the batch's offset 0 with its
   * length and source address, waiting at most a short poll interval.
   *
   * @return the number of datagrams, 0 after the poll interval without any, -1 once closed
   */
  int receive(PacketBatch batch) throws IOException;

  /** Sends {@code len} bytes of {@code buf} from {@code off} to {@code to}; a full socket buffer drops it. */
  void send(byte[] buf, int off, int len, InetSocketAddress to) throws IOException;

  /** Sends packets {@code from..from+count} of {@code batch}, each to its own {@link PacketBatch#address}. */
  default void send(PacketBatch batch, int from, int count) throws IOException {
    for (int i = from; i < from + count; i++) {
      send(batch.buffer(i), batch.offset(i), batch.length(i), batch.address(i));
    }
  }

  @Override
  void close();
}
