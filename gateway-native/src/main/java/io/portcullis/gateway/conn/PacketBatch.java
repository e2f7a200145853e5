package io.portcullis.gateway.conn;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A fixed set of preallocated packet buffers moved through the data plane together, so that batch system calls
 * (recvmmsg/sendmmsg, TUN with vnet_hdr) fit in without changing the callers.
 *
 * <p>Each buffer has {@link #headroom()} bytes free in front of the packet, enough for the transport header to
 * be written in front of a TUN packet, and room for the padding and tag behind it. A batch is owned by one
 * thread at a time.
 */
public final class PacketBatch {
  private final byte[][] buffers; // permuted by swap, never replaced
  private final int[] offsets;
  private final int[] lengths;
  private final InetSocketAddress[] addresses;
  private final ByteBuffer[] views;
  private final int headroom;
  private int count;

  /**
   * @param capacity number of packets
   * @param headroom bytes reserved in front of each packet
   * @param bufferSize total size of each buffer, headroom included
   */
  public PacketBatch(int capacity, int headroom, int bufferSize) {
    buffers = new byte[capacity][bufferSize];
    offsets = new int[capacity];
    lengths = new int[capacity];
    addresses = new InetSocketAddress[capacity];
    views = new ByteBuffer[capacity];
    for (int i = 0; i < capacity; i++) {
      views[i] = ByteBuffer.wrap(buffers[i]);
    }
    this.headroom = headroom;
  }

  public int capacity() {
    return buffers.length;
  }

  public int headroom() {
    return headroom;
  }

  public int count() {
    return count;
  }

  public void count(int n) {
    this.count = n;
  }

  public byte[] buffer(int i) {
    return buffers[i];
  }

  public int offset(int i) {
    return offsets[i];
  }

  public int length(int i) {
    return lengths[i];
  }

  /** The peer address a packet came from (receive) or goes to (send, when per-packet). */
  public InetSocketAddress address(int i) {
    return addresses[i];
  }

  /** A preallocated {@link ByteBuffer} over buffer {@code i}, for channel I/O; position and limit are free. */
  public ByteBuffer view(int i) {
    return views[i];
  }

  public void set(int i, int offset, int length) {
    offsets[i] = offset;
    lengths[i] = length;
  }

  public void address(int i, InetSocketAddress a) {
    addresses[i] = a;
  }

  /**
   * Exchanges packets {@code i} and {@code j} with their buffers, so that a stage can compact the packets it keeps
   * to the front of the batch without copying bytes.
   */
  public void swap(int i, int j) {
    if (i == j) {
      return;
    }
    byte[] b = buffers[i];
    buffers[i] = buffers[j];
    buffers[j] = b;
    ByteBuffer v = views[i];
    views[i] = views[j];
    views[j] = v;
    int o = offsets[i];
    offsets[i] = offsets[j];
    offsets[j] = o;
    int l = lengths[i];
    lengths[i] = lengths[j];
    lengths[j] = l;
    InetSocketAddress a = addresses[i];
    addresses[i] = addresses[j];
    addresses[j] = a;
  }
}
