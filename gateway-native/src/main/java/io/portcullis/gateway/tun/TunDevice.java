package io.portcullis.gateway.tun;

import io.portcullis.gateway.sys.Errno;
import io.portcullis.gateway.sys.FileCalls;
import io.portcullis.gateway.sys.SyscallException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Linux TUN interface opened through {@code /dev/net/tun}: layer-3 packets without a packet-information
 * prefix ({@code IFF_TUN | IFF_NO_PI}), read and written straight from and into Java arrays.
 *
 * <p>Threads: one thread reads and one thread writes at a time (they may be different threads); {@link #close()}
 * may be called from any thread at any time, also while another thread is blocked in {@link #read}: it wakes the
 * reader through an eventfd, waits for calls in progress to leave, and only then releases the descriptors, so a
 * descriptor number is never used after it could have been reused.
 */
public final class TunDevice implements AutoCloseable {
  /** {@code IFF_TUN} from linux/if_tun.h: layer-3 device. */
  public static final int IFF_TUN = 0x0001;
  /** {@code IFF_NO_PI}: no 4-byte packet-information header before each packet. */
  public static final int IFF_NO_PI = 0x1000;
  /** {@code IFF_MULTI_QUEUE}: one descriptor per queue (not used yet). */
  public static final int IFF_MULTI_QUEUE = 0x0100;
  /** {@code IFF_VNET_HDR}: a {@link VirtioNetHdr} before each packet read and written, for GSO/GRO. */
  public static final int IFF_VNET_HDR = 0x4000;
  /** {@code TUNSETIFF = _IOW('T', 202, int)}. */
  static final long TUNSETIFF = 0x400454caL;
  /** {@code TUNSETOFFLOAD = _IOW('T', 208, unsigned int)}: the offloads the reader can take. */
  static final long TUNSETOFFLOAD = 0x400454d0L;
  /** {@code TUN_F_CSUM}: the reader completes checksums ({@code NEEDS_CSUM}); needed by the others. */
  public static final int TUN_F_CSUM = 0x01;
  /** {@code TUN_F_TSO4}: the reader splits IPv4 TCP super-packets. */
  public static final int TUN_F_TSO4 = 0x02;
  /** {@code TUN_F_TSO6}: the reader splits IPv6 TCP super-packets. */
  public static final int TUN_F_TSO6 = 0x04;
  /** {@code TUN_F_TSO_ECN}: TSO also for ECN streams. */
  public static final int TUN_F_TSO_ECN = 0x08;
  /** {@code TUN_F_USO4}: the reader splits IPv4 UDP super-packets (Linux 6.2+). */
  public static final int TUN_F_USO4 = 0x20;
  /** {@code TUN_F_USO6}: the reader splits IPv6 UDP super-packets (Linux 6.2+). */
  public static final int TUN_F_USO6 = 0x40;
  /** {@code IFNAMSIZ}: interface names hold at most 15 bytes and a NUL. */
  public static final int IFNAMSIZ = 16;
  /** {@code sizeof(struct ifreq)} on 64-bit Linux: the name then a 24-byte union starting with the flags. */
  static final int IFREQ_SIZE = 40;
  static final int IFREQ_FLAGS_OFFSET = 16;

  /** Read timeout of {@link #read(byte[], int, int)}. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMillis(250);

  private static final int CLOSED = 1 << 30;

  private final String name;
  private final int fd;
  private final int wakeFd;
  private final Arena arena;
  private final MemorySegment pollFds;
  private final AtomicInteger users = new AtomicInteger();
  private final AtomicLong droppedWrites = new AtomicLong();

  private TunDevice(String name, int fd, int wakeFd) {
    this.name = name;
    this.fd = fd;
    this.wakeFd = wakeFd;
    this.arena = Arena.ofShared();
    this.pollFds = arena.allocate(2L * FileCalls.POLLFD_SIZE);
    pollFds.set(ValueLayout.JAVA_INT, FileCalls.POLLFD_FD_OFFSET, fd);
    pollFds.set(ValueLayout.JAVA_SHORT, FileCalls.POLLFD_EVENTS_OFFSET, FileCalls.POLLIN);
    pollFds.set(ValueLayout.JAVA_INT, FileCalls.POLLFD_SIZE + FileCalls.POLLFD_FD_OFFSET, wakeFd);
    pollFds.set(ValueLayout.JAVA_SHORT, FileCalls.POLLFD_SIZE + FileCalls.POLLFD_EVENTS_OFFSET, FileCalls.POLLIN);
  }

  /** Creates (or attaches to) the TUN interface {@code name} with {@code IFF_TUN | IFF_NO_PI}. */
  public static TunDevice open(String name) throws IOException {
    return open(name, 0);
  }

  /**
   * Creates or attaches to a TUN interface; {@code extraFlags} are or-ed into {@code IFF_TUN | IFF_NO_PI} (room
   * for {@link #IFF_MULTI_QUEUE} and {@link #IFF_VNET_HDR}). A name with {@code %d} lets the kernel pick the
   * number; {@link #name()} tells which one it picked. Needs CAP_NET_ADMIN to create an interface.
   */
  public static TunDevice open(String name, int extraFlags) throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
    if (nameBytes.length == 0 || nameBytes.length >= IFNAMSIZ) {
      throw new IllegalArgumentException("interface name must have 1 to 15 characters: '" + name + "'");
    }
    int fd = FileCalls.open("/dev/net/tun", FileCalls.O_RDWR | FileCalls.O_NONBLOCK | FileCalls.O_CLOEXEC);
    try (Arena call = Arena.ofConfined()) {
      MemorySegment ifreq = call.allocate(IFREQ_SIZE);
      MemorySegment.copy(nameBytes, 0, ifreq, ValueLayout.JAVA_BYTE, 0, nameBytes.length);
      ifreq.set(ValueLayout.JAVA_SHORT, IFREQ_FLAGS_OFFSET, (short) (IFF_TUN | IFF_NO_PI | extraFlags));
      FileCalls.ioctl(fd, TUNSETIFF, ifreq, "TUNSETIFF");
      String actual = ifreq.getString(0, StandardCharsets.US_ASCII);
      int wake = FileCalls.eventfd(0, FileCalls.EFD_NONBLOCK | FileCalls.EFD_CLOEXEC);
      return new TunDevice(actual, fd, wake);
    } catch (IOException | RuntimeException e) {
      FileCalls.close(fd);
      throw e;
    }
  }

  /**
   * Tells the kernel which offloads the reader handles ({@code TUN_F_*}); only on a device opened with
   * {@link #IFF_VNET_HDR}. A kernel that does not know a flag refuses the whole call with EINVAL.
   */
  public void setOffload(int flags) throws SyscallException {
    FileCalls.ioctlValue(fd, TUNSETOFFLOAD, flags & 0xffffffffL, "TUNSETOFFLOAD");
  }

  /** The interface name the kernel gave the device. */
  public String name() {
    return name;
  }

  /** Packets {@link #write} dropped because the kernel queue was full. */
  public long droppedWrites() {
    return droppedWrites.get();
  }

  /** {@link #read(byte[], int, int, Duration)} with {@link #DEFAULT_READ_TIMEOUT}. */
  public int read(byte[] buf, int off, int len) throws IOException {
    return read(buf, off, len, DEFAULT_READ_TIMEOUT);
  }

  /**
   * Reads one packet into {@code buf[off, off+len)}, waiting at most {@code timeout}.
   *
   * @return the packet length; 0 when nothing arrived in time (or a signal interrupted the wait), so the caller
   *     can check for shutdown; -1 once the device is closed
   */
  public int read(byte[] buf, int off, int len, Duration timeout) throws IOException {
    if (!enter()) {
      return -1;
    }
    try {
      int n = FileCalls.read(fd, buf, off, len);
      if (n >= 0) {
        return n;
      }
      if (timeout.isZero()) {
        return 0; // nothing queued and no wait wanted: spare the poll(2)
      }
      int ready = FileCalls.poll(pollFds, 2, (int) Math.min(Integer.MAX_VALUE, Math.max(0, timeout.toMillis())));
      if (ready <= 0) {
        return 0;
      }
      if (pollFds.get(ValueLayout.JAVA_SHORT, FileCalls.POLLFD_SIZE + FileCalls.POLLFD_REVENTS_OFFSET) != 0) {
        return -1;
      }
      n = FileCalls.read(fd, buf, off, len);
      return Math.max(n, 0);
    } finally {
      exit();
    }
  }

  /**
   * Hands one IP packet to the kernel. A full queue drops the packet and counts it ({@link #droppedWrites()});
   * writing to a closed device is ignored. A packet the kernel rejects (not IP, too short) throws.
   */
  public void write(byte[] buf, int off, int len) throws IOException {
    if (!enter()) {
      return;
    }
    try {
      int n = FileCalls.write(fd, buf, off, len);
      if (n < 0) {
        droppedWrites.incrementAndGet();
      }
    } finally {
      exit();
    }
  }

  private boolean enter() {
    while (true) {
      int u = users.get();
      if ((u & CLOSED) != 0) {
        return false;
      }
      if (users.compareAndSet(u, u + 1)) {
        return true;
      }
    }
  }

  private void exit() {
    users.decrementAndGet();
  }

  /** Closes the device; idempotent, callable from any thread (see the class comment). */
  @Override
  public void close() throws IOException {
    int before = users.getAndUpdate(u -> u | CLOSED);
    if ((before & CLOSED) != 0) {
      return;
    }
    byte[] one = {1, 0, 0, 0, 0, 0, 0, 0};
    if (java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.BIG_ENDIAN) {
      one = new byte[] {0, 0, 0, 0, 0, 0, 0, 1};
    }
    FileCalls.write(wakeFd, one, 0, 8);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while ((users.get() & ~CLOSED) != 0) {
      if (System.nanoTime() > deadline) {
        throw new IOException("TUN device " + name + " still in use 5 s after close");
      }
      Thread.onSpinWait();
      Thread.yield();
    }
    SyscallException failure = null;
    for (int d : new int[] {fd, wakeFd}) {
      try {
        FileCalls.close(d);
      } catch (SyscallException e) {
        failure = e;
      }
    }
    arena.close();
    if (failure != null && failure.errno() != Errno.EBADF) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "TunDevice[" + name + "]";
  }
}
