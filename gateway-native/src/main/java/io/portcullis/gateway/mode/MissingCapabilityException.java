package io.portcullis.gateway.mode;

import java.io.IOException;

/** The process lacks a Linux capability the gateway cannot work without; the message names it and the fix. */
public final class MissingCapabilityException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String capability;

  public MissingCapabilityException(String capability, String why) {
    super(
        capability
            + " is required "
            + why
            + "; run the gateway as root or grant it the capability (systemd: AmbientCapabilities="
            + capability
            + "; docker: --cap-add "
            + capability.replaceFirst("^CAP_", "")
            + ")");
    this.capability = capability;
  }

  /** The capability's name, e.g. {@code CAP_NET_ADMIN}. */
  public String capability() {
    return capability;
  }
}
