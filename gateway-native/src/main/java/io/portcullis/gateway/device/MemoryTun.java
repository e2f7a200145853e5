package io.portcullis.gateway.device;

import io.portcullis.gateway.conn.PacketBatch;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory {@link TunPort} for tests: {@link #inject} plays the kernel routing a packet into the tunnel,
 * {@link #take} receives what the device delivered out of it.
 */
public final class MemoryTun implements TunPort {
  private final String name;
  private final ArrayBlockingQueue<byte[]> toDevice = new ArrayBlockingQueue<>(4096);
  private final ArrayBlockingQueue<byte[]> fromDevice = new ArrayBlockingQueue<>(4096);
  private volatile int mtu = Limits.DEFAULT_MTU;
  private volatile boolean closed;

  public MemoryTun(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  /** Queues a packet for the device to read; false if the queue is full. */
  public boolean inject(byte[] packet) {
    return toDevice.offer(packet.clone());
  }

  /** The next packet the device wrote, waiting up to {@code millis}; null if none came. */
  public byte[] take(long millis) throws InterruptedException {
    return fromDevice.poll(millis, TimeUnit.MILLISECONDS);
  }

  public void mtu(int m) {
    mtu = m;
  }

  @Override
  public int read(PacketBatch batch) {
    if (closed) {
      return -1;
    }
    byte[] p;
    try {
      p = toDevice.poll(20, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
    int n = 0;
    while (p != null) {
      System.arraycopy(p, 0, batch.buffer(n), batch.headroom(), p.length);
      batch.set(n, batch.headroom(), p.length);
      n++;
      p = n < batch.capacity() ? toDevice.poll() : null;
    }
    batch.count(n);
    return n;
  }

  @Override
  public void write(byte[] buf, int off, int len) {
    fromDevice.offer(Arrays.copyOfRange(buf, off, off + len));
  }

  @Override
  public int mtu() {
    return mtu;
  }

  @Override
  public void close() {
    closed = true;
  }
}
