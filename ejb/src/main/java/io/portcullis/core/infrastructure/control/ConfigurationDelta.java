package io.portcullis.core.infrastructure.control;

import com.google.protobuf.ByteString;
import io.portcullis.proto.gateway.v1.CoreMessage;
import io.portcullis.proto.gateway.v1.InterfaceChange;
import io.portcullis.proto.gateway.v1.Peer;
import io.portcullis.proto.gateway.v1.PeerChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The incremental messages that take a gateway from one {@link LocationSnapshot} to the next: an {@code
 * InterfaceChange} if the interface differs, then one {@code PeerChange} per peer deleted, created or modified.
 * Unchanged peers produce nothing, so their sessions on the gateway are not disturbed.
 */
public final class ConfigurationDelta {
  private ConfigurationDelta() {}

  /**
   * The messages, without revision (the caller numbers them).
   *
   * @return empty when nothing changed
   */
  public static List<CoreMessage.Builder> between(LocationSnapshot before, LocationSnapshot after) {
    List<CoreMessage.Builder> messages = new ArrayList<>();
    if (!before.itf().equals(after.itf()) || !before.locationName().equals(after.locationName())) {
      messages.add(
          CoreMessage.newBuilder()
              .setInterfaceChange(
                  InterfaceChange.newBuilder().setLocationName(after.locationName()).setInterface(after.itf())));
    }
    Map<ByteString, Peer> old = before.peers();
    Map<ByteString, Peer> now = after.peers();
    for (Map.Entry<ByteString, Peer> e : old.entrySet()) {
      if (!now.containsKey(e.getKey())) {
        messages.add(change(PeerChange.Kind.KIND_DELETED, e.getValue()));
      }
    }
    for (Map.Entry<ByteString, Peer> e : now.entrySet()) {
      Peer was = old.get(e.getKey());
      if (was == null) {
        messages.add(change(PeerChange.Kind.KIND_CREATED, e.getValue()));
      } else if (!was.equals(e.getValue())) {
        messages.add(change(PeerChange.Kind.KIND_MODIFIED, e.getValue()));
      }
    }
    return messages;
  }

  static CoreMessage.Builder change(PeerChange.Kind kind, Peer peer) {
    return CoreMessage.newBuilder().setPeerChange(PeerChange.newBuilder().setKind(kind).setPeer(peer));
  }
}
