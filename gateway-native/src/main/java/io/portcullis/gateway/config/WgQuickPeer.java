package io.portcullis.gateway.config;

import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import java.util.List;
import java.util.Optional;

/**
 * One {@code [Peer]} section of a wg-quick file.
 *
 * @param publicKey {@code PublicKey}
 * @param presharedKey {@code PresharedKey}, empty when absent
 * @param allowedIps {@code AllowedIPs}, all values of all such lines in order
 * @param endpoint {@code Endpoint}, unresolved
 * @param persistentKeepalive {@code PersistentKeepalive} in seconds, 0 for off or absent
 * @param line the line of the {@code [Peer]} header, for error messages (0 when not from a file)
 */
public record WgQuickPeer(
    Key publicKey,
    Optional<Key> presharedKey,
    List<IpPrefix> allowedIps,
    Optional<PeerEndpoint> endpoint,
    int persistentKeepalive,
    int line) {

  public WgQuickPeer {
    allowedIps = List.copyOf(allowedIps);
  }
}
