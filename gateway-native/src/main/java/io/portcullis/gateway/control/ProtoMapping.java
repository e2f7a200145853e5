package io.portcullis.gateway.control;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerState;
import io.portcullis.proto.gateway.v1.Configuration;
import io.portcullis.proto.gateway.v1.Interface;
import io.portcullis.proto.gateway.v1.Peer;
import io.portcullis.proto.gateway.v1.PeerStats;
import io.portcullis.proto.gateway.v1.StatsReport;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts between control-channel messages and the gateway's model, checking every field: a malformed message
 * from the core is an {@link IllegalArgumentException} naming the field, and is never half-applied.
 */
public final class ProtoMapping {
  private ProtoMapping() {}

  /** The location configuration a full {@code Configuration} message describes. */
  public static LocationConfig toLocationConfig(Configuration message) {
    Interface itf = message.getInterface();
    Map<Key, LocationConfig.Peer> peers = new HashMap<>();
    for (Peer p : message.getPeersList()) {
      LocationConfig.Peer peer = toPeer(p);
      if (peers.put(peer.publicKey(), peer) != null) {
        throw new IllegalArgumentException("peer " + peer.publicKey() + " appears twice");
      }
    }
    return withInterface(message.getLocationName(), itf, peers);
  }

  /** {@code base} with the interface settings of {@code itf} (an {@code InterfaceChange}). */
  public static LocationConfig withInterface(String locationName, Interface itf, Map<Key, LocationConfig.Peer> peers) {
    List<IpPrefix> addresses = new ArrayList<>();
    for (String a : itf.getAddressesList()) {
      try {
        addresses.add(IpPrefix.parse(a));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("interface address: " + e.getMessage());
      }
    }
    if (itf.getListenPort() > 65535) {
      throw new IllegalArgumentException("listen port " + itf.getListenPort() + " out of range");
    }
    if (itf.getMtu() != 0 && (itf.getMtu() < 1280 || itf.getMtu() > 9000)) {
      throw new IllegalArgumentException("MTU " + itf.getMtu() + " out of range 1280..9000");
    }
    return new LocationConfig(
        locationName,
        key("interface private key", itf.getPrivateKey()),
        addresses,
        itf.getListenPort(),
        itf.getMtu() == 0 ? 1420 : itf.getMtu(),
        itf.getFwmark(),
        peers);
  }

  /** One peer of a configuration or change. */
  public static LocationConfig.Peer toPeer(Peer p) {
    Key publicKey = key("peer public key", p.getPublicKey());
    Optional<Key> psk =
        p.getPresharedKey().isEmpty()
            ? Optional.empty()
            : Optional.of(key("preshared key of " + publicKey, p.getPresharedKey()));
    List<IpPrefix> allowed = new ArrayList<>();
    for (String a : p.getAllowedIpsList()) {
      try {
        allowed.add(IpPrefix.parse(a));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("allowed IP of " + publicKey + ": " + e.getMessage());
      }
    }
    if (p.getPersistentKeepalive() > 65535) {
      throw new IllegalArgumentException("persistent keepalive of " + publicKey + " out of range");
    }
    return new LocationConfig.Peer(publicKey, psk, allowed, p.getPersistentKeepalive());
  }

  private static Key key(String what, ByteString bytes) {
    if (bytes.size() != Key.LENGTH) {
      throw new IllegalArgumentException(what + " has " + bytes.size() + " bytes, not " + Key.LENGTH);
    }
    return Key.of(bytes.toByteArray());
  }

  /** The stats report of an interface's state, taken at {@code now}. */
  public static StatsReport toStatsReport(DeviceState state, Instant now) {
    StatsReport.Builder report = StatsReport.newBuilder().setCollectedAt(timestamp(now));
    for (PeerState peer : state.peers()) {
      PeerStats.Builder stats =
          PeerStats.newBuilder()
              .setPublicKey(ByteString.copyFrom(peer.publicKey().bytes()))
              .setRxBytes(peer.rxBytes())
              .setTxBytes(peer.txBytes());
      peer.lastHandshake().ifPresent(t -> stats.setLastHandshake(timestamp(t)));
      peer.endpoint().ifPresent(e -> stats.setEndpoint(endpoint(e)));
      report.addPeers(stats);
    }
    return report.build();
  }

  static String endpoint(InetSocketAddress address) {
    String host =
        address.getAddress() == null
            ? address.getHostString()
            : address.getAddress().getHostAddress().replaceFirst("%.*$", "");
    return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }
}
