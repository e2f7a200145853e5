package io.portcullis.gateway.device;

import io.portcullis.gateway.conn.PacketBatch;
import io.portcullis.gateway.tun.TunDevice;
import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;

/**
 * {@link TunPort} over a real Linux TUN interface ({@link TunDevice}): waits for the first packet of a batch for
 * at most {@link #POLL}, then takes whatever else is already queued without waiting.
 */
final class LinuxTunPort implements TunPort {
  /** Longest an idle read waits. */
  static final Duration POLL = Duration.ofMillis(100);

  private final TunDevice tun;

  private LinuxTunPort(TunDevice tun) {
    this.tun = tun;
  }

  static LinuxTunPort open(String name) throws IOException {
    return new LinuxTunPort(TunDevice.open(name));
  }

  @Override
  public String name() {
    return tun.name();
  }

  /** Send thread only. */
  @Override
  public int read(PacketBatch batch) throws IOException {
    int room = batch.buffer(0).length - batch.headroom() - 32;
    int n = 0;
    while (n < batch.capacity()) {
      int len = tun.read(batch.buffer(n), batch.headroom(), room, n == 0 ? POLL : Duration.ZERO);
      if (len < 0) {
        return n == 0 ? -1 : n;
      }
      if (len == 0) {
        break;
      }
      batch.set(n, batch.headroom(), len);
      n++;
    }
    batch.count(n);
    return n;
  }

  /** Receive thread only. */
  @Override
  public void write(byte[] buf, int off, int len) throws IOException {
    tun.write(buf, off, len);
  }

  /** Reads the interface MTU from the kernel; costs a system call, so the device caches it. */
  @Override
  public int mtu() {
    try {
      NetworkInterface ni = NetworkInterface.getByName(tun.name());
      return ni == null ? Limits.DEFAULT_MTU : ni.getMTU();
    } catch (SocketException e) {
      return Limits.DEFAULT_MTU;
    }
  }

  @Override
  public void close() {
    try {
      tun.close();
    } catch (IOException e) {
      System.getLogger(LinuxTunPort.class.getName())
          .log(System.Logger.Level.WARNING, "closing " + tun.name() + ": " + e.getMessage());
    }
  }
}
