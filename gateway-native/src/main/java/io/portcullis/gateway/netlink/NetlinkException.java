package io.portcullis.gateway.netlink;

import io.portcullis.gateway.sys.SyscallException;
import java.util.Optional;

/**
 * A netlink request the kernel refused ({@code NLMSG_ERROR} with a negative error), carrying the errno name and,
 * when the kernel sent one, the extended-ack text: {@code RTM_NEWLINK(wg0): EOPNOTSUPP (Operation not
 * supported): Unknown device type}.
 */
public final class NetlinkException extends SyscallException {
  private static final long serialVersionUID = 1L;

  private final String extendedAck;
  private final int attributeOffset;

  public NetlinkException(String request, int errno, String extendedAck, int attributeOffset) {
    super(request, errno, extendedAck);
    this.extendedAck = extendedAck;
    this.attributeOffset = attributeOffset;
  }

  /** The kernel's explanation (NLMSGERR_ATTR_MSG), if it gave one. */
  public Optional<String> extendedAck() {
    return Optional.ofNullable(extendedAck);
  }

  /** Offset in the request of the offending attribute (NLMSGERR_ATTR_OFFS), or -1. */
  public int attributeOffset() {
    return attributeOffset;
  }
}
