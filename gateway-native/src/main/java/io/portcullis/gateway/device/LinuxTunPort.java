package io.portcullis.gateway.device;

import io.portcullis.gateway.conn.PacketBatch;
import io.portcullis.gateway.device.DeviceCounters.Stat;
import io.portcullis.gateway.sys.SyscallException;
import io.portcullis.gateway.tun.GroCoalescer;
import io.portcullis.gateway.tun.GsoSplitter;
import io.portcullis.gateway.tun.TunDevice;
import io.portcullis.gateway.tun.VirtioNetHdr;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;

/**
 * {@link TunPort} over a real Linux TUN interface ({@link TunDevice}): waits for the first packet of a batch for
 * at most {@link #POLL}, then takes whatever else is already queued without waiting.
 *
 * <p>Offloads, probed once at {@link #open} (as wireguard-go does on Linux): the device is opened with
 * {@code IFF_VNET_HDR} and {@code TUNSETOFFLOAD(CSUM|TSO4|TSO6|TSO_ECN|USO4|USO6)}, falling back to TSO alone on a
 * kernel without USO (before 6.2) and to plain packets if the kernel refuses both. With offloads, the kernel
 * hands out TCP/UDP super-packets of up to 64 KiB with one read, which {@link GsoSplitter} cuts into MTU-sized
 * packets over as many batches as needed; the receive side's packets go through a {@link GroCoalescer} and leave
 * as one write per TCP flow and batch. {@code -Dportcullis.gateway.tunOffload=false} turns this off.
 */
final class LinuxTunPort implements TunPort {
  private static final System.Logger LOG = System.getLogger(LinuxTunPort.class.getName());

  /** Longest an idle read waits. */
  static final Duration POLL = Duration.ofMillis(100);

  /** Whether {@link #open} tries the offloads at all. */
  static final boolean OFFLOAD = Boolean.parseBoolean(System.getProperty("portcullis.gateway.tunOffload", "true"));

  static final int TSO = TunDevice.TUN_F_CSUM | TunDevice.TUN_F_TSO4 | TunDevice.TUN_F_TSO6 | TunDevice.TUN_F_TSO_ECN;
  static final int USO = TunDevice.TUN_F_USO4 | TunDevice.TUN_F_USO6;

  /** Packets the coalescer holds between flushes (the receive path flushes after each batch). */
  static final int COALESCE_CAPACITY = 2 * Limits.BATCH_SIZE;

  private final TunDevice tun;
  private final String mode;
  // send thread (offloads only)
  private final byte[] raw;
  private final GsoSplitter splitter;
  private int pendingNext;
  private int pendingCount;
  // receive thread (offloads only)
  private final GroCoalescer coalescer;
  private final GroCoalescer.Sink sink;
  private DeviceCounters counters = new DeviceCounters();

  private LinuxTunPort(TunDevice tun, String mode, boolean vnet) {
    this.tun = tun;
    this.mode = mode;
    this.raw = vnet ? new byte[VirtioNetHdr.SIZE + Limits.MAX_PACKET_SIZE] : null;
    this.splitter = vnet ? new GsoSplitter() : null;
    this.coalescer = vnet ? new GroCoalescer(COALESCE_CAPACITY) : null;
    this.sink = vnet ? this::writeOne : null;
  }

  /** Opens the interface with the offloads the kernel accepts (see the class comment) and logs which. */
  static LinuxTunPort open(String name) throws IOException {
    return open(name, OFFLOAD);
  }

  static LinuxTunPort open(String name, boolean offload) throws IOException {
    LinuxTunPort port = offload ? openWithOffloads(name) : null;
    if (port == null) {
      port = new LinuxTunPort(TunDevice.open(name), "none", false);
    }
    LOG.log(Level.INFO, "{0}: TUN offloads: {1}", port.name(), port.mode);
    return port;
  }

  private static LinuxTunPort openWithOffloads(String name) throws IOException {
    TunDevice t;
    try {
      t = TunDevice.open(name, TunDevice.IFF_VNET_HDR);
    } catch (SyscallException e) {
      LOG.log(Level.INFO, "{0}: IFF_VNET_HDR refused ({1}); no TUN offloads", name, e.getMessage());
      return null;
    }
    for (int flags : new int[] {TSO | USO, TSO}) {
      try {
        t.setOffload(flags);
        return new LinuxTunPort(t, flags == TSO ? "vnet_hdr, TSO4/6 + GRO" : "vnet_hdr, TSO4/6 + USO4/6 + GRO", true);
      } catch (SyscallException e) {
        LOG.log(Level.DEBUG, "{0}: TUNSETOFFLOAD {1} refused: {2}", name, Integer.toHexString(flags), e.getMessage());
      }
    }
    LOG.log(Level.INFO, "{0}: TUNSETOFFLOAD refused; no TUN offloads", name);
    t.close(); // the interface goes with its last descriptor; it is created again without the header
    return null;
  }

  /** What {@link #open} settled on, e.g. {@code vnet_hdr, TSO4/6 + USO4/6 + GRO} or {@code none}. */
  String offloadMode() {
    return mode;
  }

  @Override
  public void counters(DeviceCounters c) {
    this.counters = c;
  }

  @Override
  public String name() {
    return tun.name();
  }

  /** Send thread only. */
  @Override
  public int read(PacketBatch batch) throws IOException {
    return raw == null ? readPlain(batch) : readOffload(batch);
  }

  private int readPlain(PacketBatch batch) throws IOException {
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

  /**
   * One read may bring a super-packet of many segments; what does not fit in this batch stays pending in
   * {@link #raw} and comes first in the next call.
   */
  private int readOffload(PacketBatch batch) throws IOException {
    int room = batch.buffer(0).length - batch.headroom() - 32;
    int n = 0;
    while (n < batch.capacity()) {
      if (pendingNext < pendingCount) {
        int len = splitter.segment(pendingNext++, batch.buffer(n), batch.headroom());
        batch.set(n, batch.headroom(), len);
        n++;
        continue;
      }
      int len = tun.read(raw, 0, raw.length, n == 0 ? POLL : Duration.ZERO);
      if (len < 0) {
        batch.count(n);
        return n == 0 ? -1 : n;
      }
      if (len == 0) {
        break;
      }
      int segments = splitter.prepare(raw, 0, len, room);
      if (segments < 0) {
        counters.drop(DropReason.TX_BAD_OFFLOAD_HEADER);
        pendingNext = pendingCount = 0;
        continue;
      }
      if (segments > 1) {
        counters.increment(Stat.TUN_GSO_SPLITS);
      }
      pendingNext = 0;
      pendingCount = segments;
    }
    batch.count(n);
    return n;
  }

  /** Receive thread only; with offloads the packet waits for {@link #flush}. */
  @Override
  public void write(byte[] buf, int off, int len) throws IOException {
    if (coalescer == null) {
      tun.write(buf, off, len);
      return;
    }
    if (coalescer.full()) {
      flush();
    }
    coalescer.add(buf, off, len);
  }

  /** Receive thread only. */
  @Override
  public void flush() throws IOException {
    if (coalescer == null || coalescer.pending() == 0) {
      return;
    }
    long writes = coalescer.superPackets();
    long segments = coalescer.coalesced();
    coalescer.flush(sink);
    counters.add(Stat.TUN_GRO_WRITES, coalescer.superPackets() - writes);
    counters.add(Stat.TUN_GRO_SEGMENTS, coalescer.coalesced() - segments);
  }

  /** One write of the coalescer; a packet the kernel refuses is counted and the others still go. */
  private void writeOne(byte[] buf, int off, int len) throws IOException {
    try {
      tun.write(buf, off, len);
    } catch (SyscallException e) {
      counters.drop(DropReason.TUN_WRITE_FAILED);
    }
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
      LOG.log(Level.WARNING, "closing " + tun.name() + ": " + e.getMessage());
    }
  }
}
