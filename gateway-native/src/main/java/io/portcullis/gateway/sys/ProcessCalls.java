package io.portcullis.gateway.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** Process and namespace downcalls: getpid, geteuid, setns, if_nametoindex, capget. */
public final class ProcessCalls {
  /** {@code CLONE_NEWNET} from linux/sched.h: the network namespace type for setns(2). */
  public static final int CLONE_NEWNET = 0x40000000;
  /** {@code CAP_NET_ADMIN} from linux/capability.h. */
  public static final int CAP_NET_ADMIN = 12;

  /** {@code _LINUX_CAPABILITY_VERSION_3}: 64-bit capability sets in two 32-bit halves. */
  private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;

  private static final MethodHandle GETPID = Libc.link("getpid", FunctionDescriptor.of(JAVA_INT));
  private static final MethodHandle GETEUID = Libc.link("geteuid", FunctionDescriptor.of(JAVA_INT));
  private static final MethodHandle SETNS =
      Libc.linkErrno("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle IF_NAMETOINDEX =
      Libc.linkErrno("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
  private static final MethodHandle CAPGET =
      Libc.linkErrno("capget", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));

  private ProcessCalls() {}

  public static int getpid() {
    try {
      return (int) GETPID.invokeExact();
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
  }

  public static int geteuid() {
    try {
      return (int) GETEUID.invokeExact();
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
  }

  /**
   * setns(2): moves the calling thread (only it) into the namespace open at {@code fd}. Network namespaces are
   * per thread on Linux, so a dedicated thread can work in another namespace while the rest of the JVM stays.
   */
  public static void setns(int fd, int nstype) throws SyscallException {
    MemorySegment state = Libc.callState();
    int r;
    try {
      r = (int) SETNS.invokeExact(state, fd, nstype);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    Libc.strict(r, state, "setns");
  }

  /** if_nametoindex(3) in the calling thread's network namespace. */
  public static int ifNameToIndex(String name) throws SyscallException {
    MemorySegment state = Libc.callState();
    try (Arena arena = Arena.ofConfined()) {
      int r = (int) IF_NAMETOINDEX.invokeExact(state, arena.allocateFrom(name));
      if (r == 0) {
        throw new SyscallException("if_nametoindex(" + name + ")", Libc.errno(state));
      }
      return r;
    } catch (SyscallException e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
  }

  /** The effective capability set of the calling thread as a 64-bit mask (capget(2), version 3). */
  public static long effectiveCapabilities() throws SyscallException {
    MemorySegment state = Libc.callState();
    try (Arena arena = Arena.ofConfined()) {
      // struct __user_cap_header_struct { u32 version; int pid; }
      MemorySegment header = arena.allocate(8);
      header.set(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
      // struct __user_cap_data_struct { u32 effective, permitted, inheritable; } [2]
      MemorySegment data = arena.allocate(24);
      int r = (int) CAPGET.invokeExact(state, header, data);
      Libc.strict(r, state, "capget");
      long low = Integer.toUnsignedLong(data.get(JAVA_INT, 0));
      long high = Integer.toUnsignedLong(data.get(JAVA_INT, 12));
      return high << 32 | low;
    } catch (SyscallException e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
  }
}
