package io.portcullis.gateway.model;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A change to one peer, with the semantics of the UAPI peer keys and WGPEER_A_* attributes.
 *
 * @param publicKey identifies the peer; it is created unless {@code updateOnly} or {@code remove}
 * @param remove delete the peer (everything else is ignored)
 * @param updateOnly change the peer only if it exists already
 * @param presharedKey new preshared key; {@link Key#zero()} removes it
 * @param endpoint new endpoint (already resolved)
 * @param persistentKeepalive seconds, 0 disables
 * @param replaceAllowedIps drop the existing allowed IPs before adding {@code allowedIps}
 * @param allowedIps prefixes to add
 */
public record PeerUpdate(
    Key publicKey,
    boolean remove,
    boolean updateOnly,
    Optional<Key> presharedKey,
    Optional<InetSocketAddress> endpoint,
    OptionalInt persistentKeepalive,
    boolean replaceAllowedIps,
    List<IpPrefix> allowedIps) {

  public PeerUpdate {
    if (publicKey == null) {
      throw new IllegalArgumentException("peer update without a public key");
    }
    allowedIps = List.copyOf(allowedIps);
  }
}
