package io.portcullis.core.infrastructure.control;

import com.google.protobuf.ByteString;
import io.portcullis.proto.gateway.v1.Configuration;
import io.portcullis.proto.gateway.v1.Interface;
import io.portcullis.proto.gateway.v1.Peer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gateways of one location run, as last computed from the committed database: the interface and the
 * peers by public key.
 *
 * @param locationId the location
 * @param locationName its name
 * @param itf the interface settings
 * @param peers by public key, in a stable order
 */
public record LocationSnapshot(long locationId, String locationName, Interface itf, Map<ByteString, Peer> peers) {

  public LocationSnapshot {
    peers = Collections.unmodifiableMap(new LinkedHashMap<>(peers));
  }

  /** A snapshot of {@code peers}, which must have distinct public keys. */
  public static LocationSnapshot of(long locationId, String locationName, Interface itf, List<Peer> peers) {
    Map<ByteString, Peer> byKey = new LinkedHashMap<>();
    for (Peer p : peers) {
      if (byKey.putIfAbsent(p.getPublicKey(), p) != null) {
        throw new IllegalArgumentException("two peers of location " + locationId + " share a public key");
      }
    }
    return new LocationSnapshot(locationId, locationName, itf, byKey);
  }

  /** The full {@code Configuration} message of this snapshot. */
  public Configuration toConfiguration() {
    return Configuration.newBuilder()
        .setLocationName(locationName)
        .setInterface(itf)
        .addAllPeers(peers.values())
        .build();
  }
}
