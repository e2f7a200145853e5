package io.portcullis.gateway.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A change to a WireGuard interface, with the semantics of UAPI {@code set=1} and WG_CMD_SET_DEVICE: fields that
 * are empty stay as they are. A wg-quick file, a UAPI request, a netlink message and a control-plane diff all
 * become one of these, and both the userspace and the kernel device apply it.
 *
 * @param privateKey new private key; {@link Key#zero()} removes it
 * @param listenPort new UDP port; 0 picks a random one
 * @param fwmark new fwmark; 0 removes it
 * @param replacePeers remove every peer not named in {@code peers} (wg setconf)
 * @param peers per-peer changes, applied in order
 */
public record DeviceUpdate(
    Optional<Key> privateKey,
    OptionalInt listenPort,
    OptionalInt fwmark,
    boolean replacePeers,
    List<PeerUpdate> peers) {

  public DeviceUpdate {
    peers = List.copyOf(peers);
  }
}
