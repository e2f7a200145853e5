package io.portcullis.gateway.conn;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.locks.LockSupport;

/**
 * The production {@link Bind} over one non-blocking dual-stack {@link DatagramChannel} (IPv6 socket that also
 * carries IPv4 as mapped addresses, falling back to IPv4 only when the host has no IPv6).
 *
 * <p>Receive drains up to a batch without a system call per wait and parks in a {@link Selector} for at most
 * {@link #POLL_MILLIS} when idle. A full socket send buffer is waited out briefly (bounded) instead of dropping
 * at once, which TCP inside the tunnel needs. Thread-safety: one receiver, any number of senders.
 */
public final class DatagramBind implements Bind {
  /** Longest an idle {@link #receive} waits before returning 0. */
  public static final long POLL_MILLIS = 100;

  /** Socket buffer size requested for both directions. */
  public static final int SOCKET_BUFFER_BYTES = 4 << 20;

  private static final int SEND_RETRIES = 2_000;

  private volatile DatagramChannel channel;
  private volatile Selector selector;
  private volatile int port;

  @Override
  public synchronized int open(int wantedPort) throws IOException {
    close();
    DatagramChannel ch;
    try {
      ch = DatagramChannel.open(StandardProtocolFamily.INET6);
    } catch (UnsupportedOperationException | IOException e) {
      ch = DatagramChannel.open(StandardProtocolFamily.INET);
    }
    try {
      ch.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
      ch.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
      ch.bind(new InetSocketAddress(wantedPort));
      ch.configureBlocking(false);
      Selector sel = Selector.open();
      ch.register(sel, SelectionKey.OP_READ);
      selector = sel;
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    channel = ch;
    port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
    return port;
  }

  @Override
  public int port() {
    return port;
  }

  /** Called only by the receive thread. */
  @Override
  public int receive(PacketBatch batch) throws IOException {
    DatagramChannel ch = channel;
    Selector sel = selector;
    if (ch == null || !ch.isOpen()) {
      return -1;
    }
    try {
      int n = drain(ch, batch);
      if (n > 0) {
        return n;
      }
      sel.select(POLL_MILLIS);
      sel.selectedKeys().clear();
      return drain(ch, batch);
    } catch (ClosedChannelException e) {
      return -1;
    }
  }

  private static int drain(DatagramChannel ch, PacketBatch batch) throws IOException {
    int n = 0;
    while (n < batch.capacity()) {
      ByteBuffer bb = batch.view(n);
      bb.clear();
      SocketAddress from = ch.receive(bb);
      if (from == null) {
        break;
      }
      batch.set(n, 0, bb.position());
      // the JDK reports IPv4-mapped sources of a dual-stack socket as Inet4Address already
      batch.address(n, (InetSocketAddress) from);
      n++;
    }
    batch.count(n);
    return n;
  }

  /** Thread-safe; waits a bounded time when the socket buffer is full, then drops. */
  @Override
  public void send(byte[] buf, int off, int len, InetSocketAddress to) throws IOException {
    DatagramChannel ch = channel;
    if (ch == null) {
      throw new ClosedChannelException();
    }
    ByteBuffer bb = ByteBuffer.wrap(buf, off, len);
    for (int i = 0; i < SEND_RETRIES; i++) {
      if (ch.send(bb, to) > 0) {
        return;
      }
      LockSupport.parkNanos(20_000);
    }
  }

  @Override
  public void send(PacketBatch batch, int from, int count) throws IOException {
    DatagramChannel ch = channel;
    if (ch == null) {
      throw new ClosedChannelException();
    }
    for (int i = from; i < from + count; i++) {
      ByteBuffer bb = batch.view(i);
      bb.limit(batch.offset(i) + batch.length(i)).position(batch.offset(i));
      for (int r = 0; r < SEND_RETRIES && ch.send(bb, batch.address(i)) == 0; r++) {
        LockSupport.parkNanos(20_000);
      }
    }
  }

  @Override
  public synchronized void close() {
    DatagramChannel ch = channel;
    Selector sel = selector;
    channel = null;
    selector = null;
    port = 0;
    try {
      if (sel != null) {
        sel.close();
      }
      if (ch != null) {
        ch.close();
      }
    } catch (IOException ignored) {
      // nothing left to release
    }
  }
}
