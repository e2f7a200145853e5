package io.portcullis.gateway.conn;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An in-memory UDP network for tests: every {@link Bind} it creates listens on {@code 127.0.0.1:port} of this
 * network only, and datagrams are copied between their queues. A filter can drop or tamper with datagrams in
 * flight.
 */
public final class LoopbackNetwork {
  private static final InetAddress HOST = InetAddress.getLoopbackAddress();

  private final ConcurrentHashMap<Integer, Endpoint> ports = new ConcurrentHashMap<>();
  private volatile Predicate<byte[]> filter = d -> true;
  private int nextPort = 40_000;

  /** Sets a filter that sees each datagram (a mutable copy) and returns false to drop it. */
  public void filter(Predicate<byte[]> f) {
    this.filter = f;
  }

  /** A new unbound {@link Bind} on this network. */
  public Bind newBind() {
    return new Endpoint();
  }

  private synchronized int allocatePort() {
    while (ports.containsKey(nextPort)) {
      nextPort++;
    }
    return nextPort++;
  }

  private record Datagram(byte[] data, InetSocketAddress from) {}

  private final class Endpoint implements Bind {
    private final ArrayBlockingQueue<Datagram> queue = new ArrayBlockingQueue<>(4096);
    private volatile int port;
    private volatile boolean closed;

    @Override
    public synchronized int open(int wanted) {
      close();
      closed = false;
      int p = wanted == 0 ? allocatePort() : wanted;
      if (ports.putIfAbsent(p, this) != null) {
        throw new IllegalStateException("port " + p + " in use");
      }
      port = p;
      return p;
    }

    @Override
    public int port() {
      return port;
    }

    @Override
    public int receive(PacketBatch batch) throws java.io.IOException {
      if (closed || port == 0) {
        return -1;
      }
      Datagram d;
      try {
        d = queue.poll(20, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
      int n = 0;
      while (d != null) {
        System.arraycopy(d.data, 0, batch.buffer(n), 0, d.data.length);
        batch.set(n, 0, d.data.length);
        batch.address(n, d.from);
        n++;
        d = n < batch.capacity() ? queue.poll() : null;
      }
      batch.count(n);
      return n;
    }

    @Override
    public void send(byte[] buf, int off, int len, InetSocketAddress to) {
      Endpoint dst = ports.get(to.getPort());
      if (dst == null || closed || !to.getAddress().equals(HOST)) {
        return;
      }
      byte[] copy = java.util.Arrays.copyOfRange(buf, off, off + len);
      if (filter.test(copy)) {
        dst.queue.offer(new Datagram(copy, new InetSocketAddress(HOST, port)));
      }
    }

    @Override
    public synchronized void close() {
      closed = true;
      if (port != 0) {
        ports.remove(port, this);
        port = 0;
      }
    }
  }
}
