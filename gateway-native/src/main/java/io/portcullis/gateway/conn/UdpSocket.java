package io.portcullis.gateway.conn;

import io.portcullis.gateway.sys.Errno;
import io.portcullis.gateway.sys.FileCalls;
import io.portcullis.gateway.sys.MessageVector;
import io.portcullis.gateway.sys.SocketCalls;
import io.portcullis.gateway.sys.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One bound, non-blocking UDP socket of {@link NativeUdpBind} with an eventfd to wake a waiting receiver, and a
 * close that is safe while other threads are inside a call: {@link #close()} marks the socket closed, wakes the
 * poller, waits for every {@link #enter()}ed call to {@link #exit()}, and only then releases the descriptors, so a
 * descriptor number is never used after the kernel could have handed it out again.
 */
final class UdpSocket {
  /** {@code IPPROTO_IPV6} and {@code IPV6_V6ONLY} (linux/in6.h): 0 makes an IPv6 socket carry IPv4 too. */
  static final int IPPROTO_IPV6 = 41;
  static final int IPV6_V6ONLY = 26;
  /** {@code SO_SNDBUFFORCE}/{@code SO_RCVBUFFORCE} (asm-generic/socket.h): beyond wmem_max/rmem_max, root only. */
  static final int SO_SNDBUFFORCE = 32;
  static final int SO_RCVBUFFORCE = 33;

  private static final int CLOSED = 1 << 30;
  private static final ValueLayout.OfShort SHORT_BE = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

  final int fd;
  final int family;
  final int port;
  final int receiveBuffer;
  final int sendBuffer;
  private final int wakeFd;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment readPoll;
  private final MemorySegment writePoll;
  private final AtomicInteger users = new AtomicInteger();

  private UdpSocket(int fd, int family, int port, int wakeFd, int receiveBuffer, int sendBuffer) {
    this.fd = fd;
    this.family = family;
    this.port = port;
    this.wakeFd = wakeFd;
    this.receiveBuffer = receiveBuffer;
    this.sendBuffer = sendBuffer;
    readPoll = pollSet(FileCalls.POLLIN);
    writePoll = pollSet(FileCalls.POLLOUT);
  }

  private MemorySegment pollSet(short events) {
    MemorySegment p = arena.allocate(2L * FileCalls.POLLFD_SIZE, 8);
    p.set(ValueLayout.JAVA_INT, FileCalls.POLLFD_FD_OFFSET, fd);
    p.set(ValueLayout.JAVA_SHORT, FileCalls.POLLFD_EVENTS_OFFSET, events);
    p.set(ValueLayout.JAVA_INT, FileCalls.POLLFD_SIZE + FileCalls.POLLFD_FD_OFFSET, wakeFd);
    p.set(ValueLayout.JAVA_SHORT, FileCalls.POLLFD_SIZE + FileCalls.POLLFD_EVENTS_OFFSET, FileCalls.POLLIN);
    return p;
  }

  /** Opens a dual-stack socket (IPv4 only if the host has no IPv6) bound to {@code port} (0: any). */
  static UdpSocket open(int port, int bufferBytes) throws SyscallException {
    int type = SocketCalls.SOCK_DGRAM | SocketCalls.SOCK_NONBLOCK | SocketCalls.SOCK_CLOEXEC;
    int family = SocketCalls.AF_INET6;
    int fd;
    try {
      fd = SocketCalls.socket(family, type, 0);
    } catch (SyscallException e) {
      if (e.errno() != Errno.EAFNOSUPPORT) {
        throw e;
      }
      family = SocketCalls.AF_INET;
      fd = SocketCalls.socket(family, type, 0);
    }
    int wake = -1;
    try {
      if (family == SocketCalls.AF_INET6) {
        SocketCalls.setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, 0, "IPV6_V6ONLY");
      }
      int rcv = buffer(fd, SO_RCVBUFFORCE, SocketCalls.SO_RCVBUF, bufferBytes, "SO_RCVBUF");
      int snd = buffer(fd, SO_SNDBUFFORCE, SocketCalls.SO_SNDBUF, bufferBytes, "SO_SNDBUF");
      int bound;
      try (Arena call = Arena.ofConfined()) {
        boolean v6 = family == SocketCalls.AF_INET6;
        MemorySegment any =
            call.allocate(v6 ? MessageVector.SOCKADDR_IN6_SIZE : MessageVector.SOCKADDR_IN_SIZE, 8);
        any.set(ValueLayout.JAVA_SHORT, MessageVector.SOCKADDR_FAMILY_OFFSET, (short) family);
        any.set(SHORT_BE, MessageVector.SOCKADDR_PORT_OFFSET, (short) port);
        SocketCalls.bind(fd, any);
        MemorySegment local = call.allocate(MessageVector.SOCKADDR_IN6_SIZE + 4, 8);
        SocketCalls.getsockname(fd, local);
        bound = local.get(SHORT_BE, MessageVector.SOCKADDR_PORT_OFFSET) & 0xffff;
      }
      wake = FileCalls.eventfd(0, FileCalls.EFD_NONBLOCK | FileCalls.EFD_CLOEXEC);
      return new UdpSocket(fd, family, bound, wake, rcv, snd);
    } catch (SyscallException | RuntimeException e) {
      closeQuietly(fd);
      if (wake >= 0) {
        closeQuietly(wake);
      }
      throw e;
    }
  }

  /** Sets a socket buffer: the forcing option first (needs CAP_NET_ADMIN), else the capped one; returns it. */
  private static int buffer(int fd, int force, int normal, int bytes, String name) throws SyscallException {
    try {
      SocketCalls.setsockopt(fd, SocketCalls.SOL_SOCKET, force, bytes, name + "FORCE");
    } catch (SyscallException e) {
      if (e.errno() != Errno.EPERM) {
        throw e;
      }
      SocketCalls.setsockopt(fd, SocketCalls.SOL_SOCKET, normal, bytes, name);
    }
    return SocketCalls.getsockoptInt(fd, SocketCalls.SOL_SOCKET, normal, name);
  }

  /** Marks a call in progress; false once closed (the caller must not touch {@link #fd}). */
  boolean enter() {
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

  /** Ends a call begun with a successful {@link #enter()}. */
  void exit() {
    users.decrementAndGet();
  }

  /**
   * Waits until a datagram can be read, at most {@code millis}; false on timeout, signal, or close. Only the
   * receive thread calls this (its poll set is not shared).
   */
  boolean awaitReadable(int millis) throws SyscallException {
    int ready = FileCalls.poll(readPoll, 2, millis);
    if (ready <= 0) {
      return false;
    }
    return readPoll.get(ValueLayout.JAVA_SHORT, FileCalls.POLLFD_SIZE + FileCalls.POLLFD_REVENTS_OFFSET) == 0;
  }

  /** Waits at most {@code millis} for room in the send buffer (or close); any sending thread. */
  void awaitWritable(int millis) {
    try {
      FileCalls.poll(writePoll, 2, millis); // revents may race between senders; only the wait matters
    } catch (SyscallException e) {
      // nothing to do: the caller retries its send and sees the real error there
    }
  }

  /** Closes the socket once no call is inside it; idempotent, any thread. */
  void close() {
    int before = users.getAndUpdate(u -> u | CLOSED);
    if ((before & CLOSED) != 0) {
      return;
    }
    byte[] one = new byte[8];
    one[java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN ? 0 : 7] = 1;
    try {
      FileCalls.write(wakeFd, one, 0, 8);
    } catch (SyscallException e) {
      // the poller still wakes within its poll interval
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while ((users.get() & ~CLOSED) != 0 && System.nanoTime() - deadline < 0) {
      Thread.onSpinWait();
      Thread.yield();
    }
    if ((users.get() & ~CLOSED) != 0) {
      // a call is stuck for 5 s: leaking two descriptors is better than closing one that is in use
      System.getLogger(UdpSocket.class.getName())
          .log(System.Logger.Level.WARNING, "udp port " + port + " still in use 5 s after close; not released");
      return;
    }
    closeQuietly(fd);
    closeQuietly(wakeFd);
    arena.close();
  }

  private static void closeQuietly(int d) {
    try {
      FileCalls.close(d);
    } catch (SyscallException e) {
      // EBADF/EIO on close leave nothing to release
    }
  }
}
