package io.portcullis.gateway.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Socket downcalls: socket, bind, connect, setsockopt, getsockopt, getsockname, sendto, recvfrom, sendmsg,
 * recvmsg, sendmmsg, recvmmsg.
 *
 * <p>Same result convention as {@link FileCalls}. The {@code byte[]} variants of sendto/recvfrom pass the array
 * to the kernel without a copy and are meant for non-blocking sockets or calls with {@link #MSG_DONTWAIT}; the
 * message-vector calls take native segments laid out by the caller ({@code struct msghdr}/{@code mmsghdr}).
 */
public final class SocketCalls {
  public static final int AF_UNSPEC = 0;
  public static final int AF_INET = 2;
  public static final int AF_INET6 = 10;
  public static final int AF_NETLINK = 16;
  public static final int SOCK_DGRAM = 2;
  public static final int SOCK_RAW = 3;
  public static final int SOCK_NONBLOCK = FileCalls.O_NONBLOCK;
  public static final int SOCK_CLOEXEC = FileCalls.O_CLOEXEC;
  public static final int SOL_SOCKET = 1;
  public static final int SO_REUSEADDR = 2;
  public static final int SO_SNDBUF = 7;
  public static final int SO_RCVBUF = 8;
  public static final int SO_RCVTIMEO = 20;
  public static final int MSG_PEEK = 0x2;
  public static final int MSG_TRUNC = 0x20;
  public static final int MSG_DONTWAIT = 0x40;

  private static final MethodHandle SOCKET =
      Libc.linkErrno("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle BIND =
      Libc.linkErrno("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle CONNECT =
      Libc.linkErrno("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle SETSOCKOPT =
      Libc.linkErrno(
          "setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle GETSOCKOPT =
      Libc.linkErrno(
          "getsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
  private static final MethodHandle GETSOCKNAME =
      Libc.linkErrno("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
  private static final FunctionDescriptor SENDTO_DESCRIPTOR =
      FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle SENDTO = Libc.linkErrno("sendto", SENDTO_DESCRIPTOR);
  private static final MethodHandle SENDTO_HEAP = Libc.linkErrnoHeap("sendto", SENDTO_DESCRIPTOR);
  private static final FunctionDescriptor RECVFROM_DESCRIPTOR =
      FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS);
  private static final MethodHandle RECVFROM = Libc.linkErrno("recvfrom", RECVFROM_DESCRIPTOR);
  private static final MethodHandle RECVFROM_HEAP = Libc.linkErrnoHeap("recvfrom", RECVFROM_DESCRIPTOR);
  private static final MethodHandle SENDMSG =
      Libc.linkErrno("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle RECVMSG =
      Libc.linkErrno("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle SENDMMSG =
      Libc.linkErrno("sendmmsg", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
  private static final MethodHandle RECVMMSG =
      Libc.linkErrno(
          "recvmmsg", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));

  private SocketCalls() {}

  /** socket(2); returns the descriptor. */
  public static int socket(int domain, int type, int protocol) throws SyscallException {
    MemorySegment state = Libc.callState();
    int r;
    try {
      r = (int) SOCKET.invokeExact(state, domain, type, protocol);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    return (int) Libc.strict(r, state, "socket");
  }

  /** bind(2) to a sockaddr the caller laid out. */
  public static void bind(int fd, MemorySegment address) throws SyscallException {
    MemorySegment state = Libc.callState();
    int r;
    try {
      r = (int) BIND.invokeExact(state, fd, address, (int) address.byteSize());
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    Libc.strict(r, state, "bind");
  }

  /** connect(2) to a sockaddr the caller laid out. */
  public static void connect(int fd, MemorySegment address) throws SyscallException {
    MemorySegment state = Libc.callState();
    int r;
    try {
      r = (int) CONNECT.invokeExact(state, fd, address, (int) address.byteSize());
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    Libc.strict(r, state, "connect");
  }

  /** setsockopt(2) with an arbitrary option value. */
  public static void setsockopt(int fd, int level, int name, MemorySegment value, String optionName)
      throws SyscallException {
    MemorySegment state = Libc.callState();
    int r;
    try {
      r = (int) SETSOCKOPT.invokeExact(state, fd, level, name, value, (int) value.byteSize());
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    Libc.strict(r, state, "setsockopt(" + optionName + ")");
  }

  /** setsockopt(2) with an {@code int} value. */
  public static void setsockopt(int fd, int level, int name, int value, String optionName)
      throws SyscallException {
    try (Arena arena = Arena.ofConfined()) {
      setsockopt(fd, level, name, arena.allocateFrom(JAVA_INT, value), optionName);
    }
  }

  /** getsockopt(2) of an {@code int} option. */
  public static int getsockoptInt(int fd, int level, int name, String optionName) throws SyscallException {
    MemorySegment state = Libc.callState();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment value = arena.allocate(JAVA_INT);
      MemorySegment length = arena.allocateFrom(JAVA_INT, 4);
      int r = (int) GETSOCKOPT.invokeExact(state, fd, level, name, value, length);
      Libc.strict(r, state, "getsockopt(" + optionName + ")");
      return value.get(JAVA_INT, 0);
    } catch (SyscallException e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
  }

  /** getsockname(2) into {@code address}; returns the length the kernel reported. */
  public static int getsockname(int fd, MemorySegment address) throws SyscallException {
    MemorySegment state = Libc.callState();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment length = arena.allocateFrom(JAVA_INT, (int) address.byteSize());
      int r = (int) GETSOCKNAME.invokeExact(state, fd, address, length);
      Libc.strict(r, state, "getsockname");
      return length.get(JAVA_INT, 0);
    } catch (SyscallException e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
  }

  /** sendto(2) of a native buffer; {@code address} may be {@link MemorySegment#NULL} on connected sockets. */
  public static long sendto(int fd, MemorySegment buf, int flags, MemorySegment address)
      throws SyscallException {
    MemorySegment state = Libc.callState();
    long r;
    try {
      r = (long) SENDTO.invokeExact(state, fd, buf, buf.byteSize(), flags, address, (int) address.byteSize());
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    return Libc.result(r, state, "sendto");
  }

  /** sendto(2) of {@code buf[off, off+len)} without a copy; must not block (non-blocking socket). */
  public static int sendto(int fd, byte[] buf, int off, int len, int flags, MemorySegment address)
      throws SyscallException {
    MemorySegment state = Libc.callState();
    long r;
    try {
      r =
          (long)
              SENDTO_HEAP.invokeExact(
                  state,
                  fd,
                  MemorySegment.ofArray(buf).asSlice(off, len),
                  (long) len,
                  flags,
                  address,
                  (int) address.byteSize());
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    return (int) Libc.result(r, state, "sendto");
  }

  /**
   * recvfrom(2) into a native buffer; {@code address} and {@code addressLength} (an int in/out) may both be
   * {@link MemorySegment#NULL}. With {@link #MSG_TRUNC} the real datagram length is returned.
   */
  public static long recvfrom(
      int fd, MemorySegment buf, int flags, MemorySegment address, MemorySegment addressLength)
      throws SyscallException {
    MemorySegment state = Libc.callState();
    long r;
    try {
      r = (long) RECVFROM.invokeExact(state, fd, buf, buf.byteSize(), flags, address, addressLength);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    return Libc.result(r, state, "recvfrom");
  }

  /** recvfrom(2) into {@code buf[off, off+len)} without a copy; must not block. */
  public static int recvfrom(
      int fd, byte[] buf, int off, int len, int flags, MemorySegment address, MemorySegment addressLength)
      throws SyscallException {
    MemorySegment state = Libc.callState();
    long r;
    try {
      r =
          (long)
              RECVFROM_HEAP.invokeExact(
                  state,
                  fd,
                  MemorySegment.ofArray(buf).asSlice(off, len),
                  (long) len,
                  flags,
                  address,
                  addressLength);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    return (int) Libc.result(r, state, "recvfrom");
  }

  /** sendmsg(2) with a caller-built {@code struct msghdr}. */
  public static long sendmsg(int fd, MemorySegment msghdr, int flags) throws SyscallException {
    MemorySegment state = Libc.callState();
    long r;
    try {
      r = (long) SENDMSG.invokeExact(state, fd, msghdr, flags);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    return Libc.result(r, state, "sendmsg");
  }

  /** recvmsg(2) with a caller-built {@code struct msghdr}. */
  public static long recvmsg(int fd, MemorySegment msghdr, int flags) throws SyscallException {
    MemorySegment state = Libc.callState();
    long r;
    try {
      r = (long) RECVMSG.invokeExact(state, fd, msghdr, flags);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    return Libc.result(r, state, "recvmsg");
  }

  /** sendmmsg(2) of {@code count} {@code struct mmsghdr}; returns how many were sent. */
  public static int sendmmsg(int fd, MemorySegment mmsghdrs, int count, int flags) throws SyscallException {
    MemorySegment state = Libc.callState();
    int r;
    try {
      r = (int) SENDMMSG.invokeExact(state, fd, mmsghdrs, count, flags);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    return (int) Libc.result(r, state, "sendmmsg");
  }

  /** recvmmsg(2) into {@code count} {@code struct mmsghdr}; {@code timeout} may be NULL. */
  public static int recvmmsg(int fd, MemorySegment mmsghdrs, int count, int flags, MemorySegment timeout)
      throws SyscallException {
    MemorySegment state = Libc.callState();
    int r;
    try {
      r = (int) RECVMMSG.invokeExact(state, fd, mmsghdrs, count, flags, timeout);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    return (int) Libc.result(r, state, "recvmmsg");
  }
}
