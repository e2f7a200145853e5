package io.portcullis.gateway.mode;

/** How the gateway runs WireGuard: the kernel module configured over netlink, or our userspace data plane. */
public enum GatewayMode {
  KERNEL("kernel"),
  USERSPACE("userspace");

  private final String label;

  GatewayMode(String label) {
    this.label = label;
  }

  /** The name used in logs, {@code show} and the status sent to the core ({@code kernel}/{@code userspace}). */
  public String label() {
    return label;
  }
}
