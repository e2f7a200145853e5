package io.portcullis.core.infrastructure.control;

import com.google.protobuf.ByteString;
import io.portcullis.proto.gateway.v1.Configuration;
import io.portcullis.proto.gateway.v1.CoreMessage;
import io.portcullis.proto.gateway.v1.Interface;
import io.portcullis.proto.gateway.v1.Peer;
import io.portcullis.proto.gateway.v1.PeerChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the gateways of one location run, as last computed from the committed database: the interface and the
 * peers, each remembered with the device and user it comes from so that a change to a few devices or users can
 * be applied to the snapshot ({@link #patch}) without reading the whole location again; the full {@code
 * Configuration} message is built on first use after a change.
 *
 * <p>Threads: not thread-safe; one feed's task owns it (see {@link LocationFeed}).
 */
public final class LocationSnapshot {

  /**
   * One peer and where it comes from.
   *
   * @param deviceId the device
   * @param userId its owner
   * @param peer what the gateways run for it
   */
  public record Entry(long deviceId, long userId, Peer peer) {
    ByteString publicKey() {
      return peer.getPublicKey();
    }
  }

  private final long locationId;
  private final String locationName;
  private final Interface itf;
  private final Map<Long, Entry> byDevice;
  private final Map<ByteString, Entry> byKey;
  // Built on first use after the last change.
  private Configuration configuration;

  private LocationSnapshot(
      long locationId, String locationName, Interface itf, Map<Long, Entry> byDevice, Map<ByteString, Entry> byKey) {
    this.locationId = locationId;
    this.locationName = locationName;
    this.itf = itf;
    this.byDevice = byDevice;
    this.byKey = byKey;
  }

  /** A snapshot of {@code entries}, which must name distinct devices with distinct public keys. */
  public static LocationSnapshot of(long locationId, String locationName, Interface itf, List<Entry> entries) {
    Map<Long, Entry> byDevice = new LinkedHashMap<>();
    Map<ByteString, Entry> byKey = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (byKey.putIfAbsent(e.publicKey(), e) != null || byDevice.putIfAbsent(e.deviceId(), e) != null) {
        throw new IllegalArgumentException("two peers of location " + locationId + " share a device or public key");
      }
    }
    return new LocationSnapshot(locationId, locationName, itf, byDevice, byKey);
  }

  public long locationId() {
    return locationId;
  }

  public String locationName() {
    return locationName;
  }

  public Interface itf() {
    return itf;
  }

  /** The peers by public key, in a stable order. */
  public Map<ByteString, Peer> peers() {
    Map<ByteString, Peer> peers = new LinkedHashMap<>();
    byKey.forEach((k, e) -> peers.put(k, e.peer()));
    return Collections.unmodifiableMap(peers);
  }

  /** The peer of {@code publicKey}, or null. */
  public Peer peer(ByteString publicKey) {
    Entry e = byKey.get(publicKey);
    return e == null ? null : e.peer();
  }

  public int size() {
    return byKey.size();
  }

  /**
   * Replaces the peers of {@code deviceIds} and of the devices of {@code userIds} by {@code fresh} (what the
   * database holds now for exactly that scope) and returns the messages for the gateways: {@code PeerChange}s
   * without revision, none when nothing changed. A cached peer outside the scope whose public key reappears in
   * {@code fresh} belongs to a device deleted meanwhile and is replaced too. Costs a pass over the cached
   * entries when users are named, and no copy: the snapshot changes in place (only the feed's task uses it).
   */
  public List<CoreMessage.Builder> patch(Set<Long> deviceIds, Set<Long> userIds, List<Entry> fresh) {
    Map<ByteString, Entry> freshByKey = new LinkedHashMap<>();
    for (Entry f : fresh) {
      if (freshByKey.putIfAbsent(f.publicKey(), f) != null) {
        throw new IllegalArgumentException("two peers of location " + locationId + " share a public key");
      }
    }
    // The cached entries the change replaces, by public key, as they were.
    Map<ByteString, Entry> before = new LinkedHashMap<>();
    if (!userIds.isEmpty()) {
      for (Entry e : byDevice.values()) {
        if (userIds.contains(e.userId())) {
          before.put(e.publicKey(), e);
        }
      }
    }
    for (Long id : deviceIds) {
      Entry e = byDevice.get(id);
      if (e != null) {
        before.put(e.publicKey(), e);
      }
    }
    for (Entry f : fresh) {
      Entry holder = byKey.get(f.publicKey());
      if (holder != null) {
        before.putIfAbsent(f.publicKey(), holder);
      }
    }
    List<CoreMessage.Builder> messages = new ArrayList<>();
    for (Entry e : before.values()) {
      if (!freshByKey.containsKey(e.publicKey())) {
        messages.add(ConfigurationDelta.change(PeerChange.Kind.KIND_DELETED, e.peer()));
      }
    }
    for (Entry f : freshByKey.values()) {
      Entry was = before.get(f.publicKey());
      if (was == null) {
        messages.add(ConfigurationDelta.change(PeerChange.Kind.KIND_CREATED, f.peer()));
      } else if (!was.peer().equals(f.peer())) {
        messages.add(ConfigurationDelta.change(PeerChange.Kind.KIND_MODIFIED, f.peer()));
      }
    }
    if (before.isEmpty() && fresh.isEmpty()) {
      return messages;
    }
    for (Entry e : before.values()) {
      byDevice.remove(e.deviceId());
      byKey.remove(e.publicKey());
    }
    for (Entry f : freshByKey.values()) {
      byDevice.put(f.deviceId(), f);
      byKey.put(f.publicKey(), f);
    }
    configuration = null;
    return messages;
  }

  /** The full {@code Configuration} message of this snapshot, built once per state. */
  public Configuration toConfiguration() {
    Configuration c = configuration;
    if (c == null) {
      Configuration.Builder b = Configuration.newBuilder().setLocationName(locationName).setInterface(itf);
      byKey.values().forEach(e -> b.addPeers(e.peer()));
      c = b.build();
      configuration = c;
    }
    return c;
  }
}
