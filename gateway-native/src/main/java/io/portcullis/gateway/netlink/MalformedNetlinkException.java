package io.portcullis.gateway.netlink;

import java.io.IOException;

/** Bytes that claim to be netlink but break its framing: a length past the end, an attribute too short. */
public final class MalformedNetlinkException extends IOException {
  private static final long serialVersionUID = 1L;

  public MalformedNetlinkException(String message) {
    super(message);
  }
}
