package io.portcullis.gateway.model;

import java.io.IOException;

/**
 * A WireGuard interface the gateway configures: the userspace implementation over TUN or the kernel module over
 * generic netlink. Thread-safe: configuration may come from the UAPI socket, the CLI and the control channel.
 */
public interface WireGuardDevice extends AutoCloseable {

  /** The interface name, e.g. {@code wg0}. */
  String name();

  /** {@code "userspace"} or {@code "kernel"}. */
  String mode();

  /**
   * Applies a change atomically: either all of it takes effect or none (a bad update throws and changes nothing).
   *
   * @throws IllegalArgumentException when the update is invalid (e.g. a port already in use is an IOException)
   */
  void apply(DeviceUpdate update) throws IOException;

  /** A consistent snapshot of the configuration and the per-peer counters. */
  DeviceState state() throws IOException;

  /** Tears the interface down; idempotent. */
  @Override
  void close() throws IOException;
}
