package io.portcullis.gateway.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The one place where libc symbols are looked up and linked, and where the per-thread errno capture segment lives.
 *
 * <p>Every downcall that can fail is linked with {@code captureCallState("errno")}: the method handle then takes a
 * capture segment as its first argument, and {@link #errno(MemorySegment)} reads what the call left there. The
 * segment is allocated once per thread ({@link #callState()}), so a failing call allocates nothing for errno.
 */
public final class Libc {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
  private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
  private static final ThreadLocal<MemorySegment> CALL_STATE =
      ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

  private Libc() {}

  /** Links {@code name} with errno capture; the handle takes the capture segment first. */
  static MethodHandle linkErrno(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
    Linker.Option[] options = new Linker.Option[extra.length + 1];
    options[0] = CAPTURE_ERRNO;
    System.arraycopy(extra, 0, options, 1, extra.length);
    return LINKER.downcallHandle(symbol(name), descriptor, options);
  }

  /**
   * Links {@code name} with errno capture and heap access ({@code critical(true)}), for calls that move packet
   * bytes between the kernel and a Java {@code byte[]} without a copy. Such calls must not block for long: they
   * are only used on non-blocking descriptors or after poll said the descriptor is ready.
   */
  static MethodHandle linkErrnoHeap(String name, FunctionDescriptor descriptor) {
    return linkErrno(name, descriptor, Linker.Option.critical(true));
  }

  /** Links {@code name} without errno capture, for calls that cannot fail. */
  static MethodHandle link(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(symbol(name), descriptor);
  }

  private static MemorySegment symbol(String name) {
    return LOOKUP
        .find(name)
        .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
  }

  /** The calling thread's errno capture segment; valid for the life of the thread. */
  static MemorySegment callState() {
    return CALL_STATE.get();
  }

  /** The errno the last call with {@code state} left behind. */
  static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  /**
   * The common result convention of the sys layer: a non-negative result is returned as is, {@code EAGAIN} and
   * {@code EINTR} come back as their negated value, anything else throws.
   */
  static long result(long r, MemorySegment state, String call) throws SyscallException {
    if (r >= 0) {
      return r;
    }
    int e = errno(state);
    if (e == Errno.EAGAIN || e == Errno.EINTR) {
      return -e;
    }
    throw new SyscallException(call, e);
  }

  /** Like {@link #result} but every failure throws, for calls where EAGAIN/EINTR cannot be handled. */
  static long strict(long r, MemorySegment state, String call) throws SyscallException {
    if (r >= 0) {
      return r;
    }
    throw new SyscallException(call, errno(state));
  }

  /** Turns what {@code invokeExact} threw into an unchecked error: downcalls throw nothing checked. */
  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException("downcall failed", t);
  }
}
