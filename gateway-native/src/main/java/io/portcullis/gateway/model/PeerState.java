package io.portcullis.gateway.model;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One peer as reported by the interface.
 *
 * @param publicKey the peer's public key
 * @param presharedKey empty when none
 * @param endpoint the current endpoint (configured or learned), empty when unknown
 * @param persistentKeepalive seconds, 0 when off
 * @param lastHandshake time of the last completed handshake, empty when never
 * @param rxBytes bytes received from the peer (transport data, as wg counts them)
 * @param txBytes bytes sent to the peer
 * @param allowedIps the peer's allowed IPs in insertion order
 * @param protocolVersion 1
 */
public record PeerState(
    Key publicKey,
    Optional<Key> presharedKey,
    Optional<InetSocketAddress> endpoint,
    int persistentKeepalive,
    Optional<Instant> lastHandshake,
    long rxBytes,
    long txBytes,
    List<IpPrefix> allowedIps,
    int protocolVersion) {

  public PeerState {
    allowedIps = List.copyOf(allowedIps);
  }
}
