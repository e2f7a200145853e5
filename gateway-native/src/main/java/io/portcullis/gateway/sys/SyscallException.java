package io.portcullis.gateway.sys;

import java.io.IOException;

/**
 * A system call (or a netlink request, which reports errors the same way) that failed with an errno.
 *
 * <p>The message names the call and the errno, e.g. {@code ioctl(TUNSETIFF): EPERM (Operation not permitted)}.
 * {@code EAGAIN} and {@code EINTR} never become this exception: the calls return them as values.
 */
public class SyscallException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String call;
  private final int errno;

  public SyscallException(String call, int errno) {
    this(call, errno, null);
  }

  /** A failure with an extra explanation appended (the netlink extended ack text, for instance). */
  public SyscallException(String call, int errno, String detail) {
    super(format(call, errno, detail));
    this.call = call;
    this.errno = errno;
  }

  private static String format(String call, int errno, String detail) {
    String text = call + ": " + Errno.describe(errno);
    return detail == null || detail.isEmpty() ? text : text + ": " + detail;
  }

  /** The call as written in the message, e.g. {@code ioctl(TUNSETIFF)}. */
  public String call() {
    return call;
  }

  /** The positive errno value. */
  public int errno() {
    return errno;
  }

  /** The symbolic errno name, e.g. {@code EPERM}. */
  public String errnoName() {
    return Errno.name(errno);
  }
}
