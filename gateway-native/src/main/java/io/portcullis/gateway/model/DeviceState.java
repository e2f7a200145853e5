package io.portcullis.gateway.model;

import java.util.List;
import java.util.Optional;

/**
 * What a WireGuard interface reports (UAPI {@code get=1}, WG_CMD_GET_DEVICE), identical in userspace and kernel
 * mode so that {@code show} and the stats sent to the core do not depend on the mode.
 *
 * @param name interface name
 * @param privateKey the private key, empty when none is set
 * @param publicKey derived from the private key, empty when none is set
 * @param listenPort the bound UDP port, 0 when not bound
 * @param fwmark 0 when unset
 * @param peers every peer, in a stable order
 */
public record DeviceState(
    String name,
    Optional<Key> privateKey,
    Optional<Key> publicKey,
    int listenPort,
    int fwmark,
    List<PeerState> peers) {

  public DeviceState {
    peers = List.copyOf(peers);
  }
}
