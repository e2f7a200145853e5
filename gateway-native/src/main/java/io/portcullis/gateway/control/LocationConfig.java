package io.portcullis.gateway.control;

import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the core wants the gateway's interface to be: the gateway-side model of a {@code Configuration} message,
 * kept between messages so that incremental changes apply to it.
 *
 * @param locationName the location's name, for logs
 * @param privateKey the interface's private key
 * @param addresses the gateway's own tunnel addresses
 * @param listenPort UDP port
 * @param mtu interface MTU
 * @param fwmark 0 when unset
 * @param peers by public key
 */
public record LocationConfig(
    String locationName,
    Key privateKey,
    List<IpPrefix> addresses,
    int listenPort,
    int mtu,
    int fwmark,
    Map<Key, Peer> peers) {

  public LocationConfig {
    addresses = List.copyOf(addresses);
    peers = Map.copyOf(peers);
  }

  /** One peer as the core describes it. */
  public record Peer(
      Key publicKey, Optional<Key> presharedKey, List<IpPrefix> allowedIps, int persistentKeepalive) {
    public Peer {
      allowedIps = List.copyOf(allowedIps);
    }
  }

  /** The same configuration with {@code peer} added or replaced. */
  public LocationConfig withPeer(Peer peer) {
    var copy = new java.util.HashMap<>(peers);
    copy.put(peer.publicKey(), peer);
    return new LocationConfig(locationName, privateKey, addresses, listenPort, mtu, fwmark, copy);
  }

  /** The same configuration without the peer of {@code publicKey}. */
  public LocationConfig withoutPeer(Key publicKey) {
    var copy = new java.util.HashMap<>(peers);
    copy.remove(publicKey);
    return new LocationConfig(locationName, privateKey, addresses, listenPort, mtu, fwmark, copy);
  }
}
