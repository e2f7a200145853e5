package io.portcullis.gateway.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * File-descriptor downcalls: open, close, read, write, ioctl, poll, eventfd, pipe2.
 *
 * <p>Results follow the sys convention: a non-negative count, or {@code -EAGAIN}/{@code -EINTR} as a value;
 * every other failure is a {@link SyscallException}. The {@code byte[]} variants pass the array to the kernel
 * without a copy (critical downcalls with heap access), so they must only be used where the call cannot block.
 */
public final class FileCalls {
  public static final int O_RDONLY = 0;
  public static final int O_RDWR = 2;
  public static final int O_NONBLOCK = 0x800;
  public static final int O_CLOEXEC = 0x80000;
  public static final int EFD_NONBLOCK = O_NONBLOCK;
  public static final int EFD_CLOEXEC = O_CLOEXEC;

  /** {@code struct pollfd { int fd; short events; short revents; }}: 8 bytes. */
  public static final int POLLFD_SIZE = 8;
  public static final int POLLFD_FD_OFFSET = 0;
  public static final int POLLFD_EVENTS_OFFSET = 4;
  public static final int POLLFD_REVENTS_OFFSET = 6;
  public static final short POLLIN = 0x1;
  public static final short POLLOUT = 0x4;
  public static final short POLLERR = 0x8;
  public static final short POLLHUP = 0x10;
  public static final short POLLNVAL = 0x20;

  private static final MethodHandle OPEN =
      Libc.linkErrno(
          "open",
          FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
          Linker.Option.firstVariadicArg(2));
  private static final MethodHandle CLOSE =
      Libc.linkErrno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  private static final MethodHandle READ_HEAP =
      Libc.linkErrnoHeap("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
  private static final MethodHandle WRITE_HEAP =
      Libc.linkErrnoHeap("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
  private static final MethodHandle READ =
      Libc.linkErrno("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
  private static final MethodHandle WRITE =
      Libc.linkErrno("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
  private static final MethodHandle IOCTL =
      Libc.linkErrno(
          "ioctl",
          FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
          Linker.Option.firstVariadicArg(2));
  private static final MethodHandle POLL =
      Libc.linkErrno("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  private static final MethodHandle EVENTFD =
      Libc.linkErrno("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle PIPE2 =
      Libc.linkErrno("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));

  private FileCalls() {}

  /** open(2) with mode 0; returns the descriptor. */
  public static int open(String path, int flags) throws SyscallException {
    MemorySegment state = Libc.callState();
    try (Arena arena = Arena.ofConfined()) {
      int r = (int) OPEN.invokeExact(state, arena.allocateFrom(path), flags, 0);
      return (int) Libc.strict(r, state, "open(" + path + ")");
    } catch (SyscallException e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
  }

  /** close(2). EINTR is not retried: on Linux the descriptor is released anyway. */
  public static void close(int fd) throws SyscallException {
    MemorySegment state = Libc.callState();
    int r;
    try {
      r = (int) CLOSE.invokeExact(state, fd);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    Libc.result(r, state, "close");
  }

  /** read(2) into {@code buf[off, off+len)} without a copy; bytes read, 0 at end of file, or -EAGAIN/-EINTR. */
  public static int read(int fd, byte[] buf, int off, int len) throws SyscallException {
    MemorySegment state = Libc.callState();
    long r;
    try {
      r = (long) READ_HEAP.invokeExact(state, fd, MemorySegment.ofArray(buf).asSlice(off, len), (long) len);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    return (int) Libc.result(r, state, "read");
  }

  /** write(2) from {@code buf[off, off+len)} without a copy; bytes written or -EAGAIN/-EINTR. */
  public static int write(int fd, byte[] buf, int off, int len) throws SyscallException {
    MemorySegment state = Libc.callState();
    long r;
    try {
      r = (long) WRITE_HEAP.invokeExact(state, fd, MemorySegment.ofArray(buf).asSlice(off, len), (long) len);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    return (int) Libc.result(r, state, "write");
  }

  /** read(2) into a native segment; may block if the descriptor is blocking. */
  public static long read(int fd, MemorySegment buf) throws SyscallException {
    MemorySegment state = Libc.callState();
    long r;
    try {
      r = (long) READ.invokeExact(state, fd, buf, buf.byteSize());
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    return Libc.result(r, state, "read");
  }

  /** write(2) from a native segment. */
  public static long write(int fd, MemorySegment buf) throws SyscallException {
    MemorySegment state = Libc.callState();
    long r;
    try {
      r = (long) WRITE.invokeExact(state, fd, buf, buf.byteSize());
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    return Libc.result(r, state, "write");
  }

  /**
   * ioctl(2) with a pointer argument; {@code name} is the request's name for the error message (e.g.
   * {@code TUNSETIFF}). Every failure throws.
   */
  public static int ioctl(int fd, long request, MemorySegment arg, String name) throws SyscallException {
    MemorySegment state = Libc.callState();
    int r;
    try {
      r = (int) IOCTL.invokeExact(state, fd, request, arg);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    return (int) Libc.strict(r, state, "ioctl(" + name + ")");
  }

  /**
   * ioctl(2) whose argument is a plain integer rather than a pointer (e.g. {@code TUNSETOFFLOAD}, which takes the
   * offload flags as the {@code unsigned long} argument itself). Every failure throws.
   */
  public static int ioctlValue(int fd, long request, long value, String name) throws SyscallException {
    // The variadic argument is passed in a 64-bit register either way; an address segment carries the value.
    return ioctl(fd, request, MemorySegment.ofAddress(value), name);
  }

  /** poll(2) over {@code nfds} pollfd entries; the number ready, 0 on timeout, or -EINTR. */
  public static int poll(MemorySegment fds, int nfds, int timeoutMillis) throws SyscallException {
    MemorySegment state = Libc.callState();
    int r;
    try {
      r = (int) POLL.invokeExact(state, fds, (long) nfds, timeoutMillis);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    return (int) Libc.result(r, state, "poll");
  }

  /** eventfd(2); returns the descriptor. */
  public static int eventfd(int initialValue, int flags) throws SyscallException {
    MemorySegment state = Libc.callState();
    int r;
    try {
      r = (int) EVENTFD.invokeExact(state, initialValue, flags);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    return (int) Libc.strict(r, state, "eventfd");
  }

  /** pipe2(2); returns {read end, write end}. */
  public static int[] pipe(int flags) throws SyscallException {
    MemorySegment state = Libc.callState();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment fds = arena.allocate(JAVA_INT, 2);
      int r = (int) PIPE2.invokeExact(state, fds, flags);
      Libc.strict(r, state, "pipe2");
      return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
    } catch (SyscallException e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
  }
}
