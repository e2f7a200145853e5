package io.portcullis.gateway.control;

import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerState;
import io.portcullis.gateway.model.PeerUpdate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Computes the smallest {@link DeviceUpdate} that turns what an interface runs into what the core wants.
 *
 * <p>Peers whose settings did not change are not mentioned at all, so their sessions, endpoints and counters
 * stay untouched; a changed peer is updated in place ({@code update_only}), never removed and re-added.
 * Endpoints are never set: clients roam, and the gateway learns them from authenticated packets.
 */
public final class ConfigurationDiff {
  private ConfigurationDiff() {}

  /** The update from {@code current} to {@code desired}; its peer list is empty when nothing differs. */
  public static DeviceUpdate between(DeviceState current, LocationConfig desired) {
    Optional<Key> privateKey =
        current.privateKey().filter(desired.privateKey()::equals).isPresent()
            ? Optional.empty()
            : Optional.of(desired.privateKey());
    OptionalInt listenPort =
        current.listenPort() == desired.listenPort()
            ? OptionalInt.empty()
            : OptionalInt.of(desired.listenPort());
    OptionalInt fwmark =
        current.fwmark() == desired.fwmark() ? OptionalInt.empty() : OptionalInt.of(desired.fwmark());

    Map<Key, PeerState> running =
        current.peers().stream().collect(Collectors.toMap(PeerState::publicKey, Function.identity()));
    List<PeerUpdate> peers = new ArrayList<>();
    for (PeerState peer : current.peers()) {
      if (!desired.peers().containsKey(peer.publicKey())) {
        peers.add(removal(peer.publicKey()));
      }
    }
    for (LocationConfig.Peer want : desired.peers().values()) {
      PeerState have = running.get(want.publicKey());
      if (have == null) {
        peers.add(creation(want));
      } else {
        change(have, want).ifPresent(peers::add);
      }
    }
    return new DeviceUpdate(privateKey, listenPort, fwmark, false, peers);
  }

  /** Whether the update changes nothing. */
  public static boolean isEmpty(DeviceUpdate update) {
    return update.privateKey().isEmpty()
        && update.listenPort().isEmpty()
        && update.fwmark().isEmpty()
        && !update.replacePeers()
        && update.peers().isEmpty();
  }

  static PeerUpdate removal(Key publicKey) {
    return new PeerUpdate(
        publicKey, true, false, Optional.empty(), Optional.empty(), OptionalInt.empty(), false, List.of());
  }

  static PeerUpdate creation(LocationConfig.Peer want) {
    return new PeerUpdate(
        want.publicKey(),
        false,
        false,
        Optional.of(want.presharedKey().orElse(Key.zero())),
        Optional.empty(),
        OptionalInt.of(want.persistentKeepalive()),
        true,
        want.allowedIps());
  }

  /**
   * The update for one peer of the core's incremental change, given that the interface runs {@code before}
   * (null: the peer was absent) and must run {@code after} (null: remove it). Touches only that peer and does
   * not read the interface's state, whose cost grows with the number of peers; a full configuration (at every
   * connection) corrects any drift through {@link #between}.
   */
  public static DeviceUpdate ofPeer(LocationConfig.Peer before, LocationConfig.Peer after) {
    List<PeerUpdate> peers = new ArrayList<>(1);
    if (after == null) {
      if (before != null) {
        peers.add(removal(before.publicKey()));
      }
    } else if (before == null) {
      peers.add(creation(after));
    } else {
      change(before.presharedKey(), before.persistentKeepalive(), before.allowedIps(), after).ifPresent(peers::add);
    }
    return new DeviceUpdate(Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), false, peers);
  }

  private static Optional<PeerUpdate> change(PeerState have, LocationConfig.Peer want) {
    return change(have.presharedKey(), have.persistentKeepalive(), have.allowedIps(), want);
  }

  private static Optional<PeerUpdate> change(
      Optional<Key> havePresharedKey, int haveKeepalive, List<IpPrefix> haveAllowedIps, LocationConfig.Peer want) {
    Key wantPsk = want.presharedKey().orElse(Key.zero());
    Key havePsk = havePresharedKey.orElse(Key.zero());
    boolean pskChanged = !wantPsk.equals(havePsk);
    boolean keepaliveChanged = haveKeepalive != want.persistentKeepalive();
    boolean allowedChanged = !asSet(haveAllowedIps).equals(asSet(want.allowedIps()));
    if (!pskChanged && !keepaliveChanged && !allowedChanged) {
      return Optional.empty();
    }
    return Optional.of(
        new PeerUpdate(
            want.publicKey(),
            false,
            true,
            pskChanged ? Optional.of(wantPsk) : Optional.empty(),
            Optional.empty(),
            keepaliveChanged ? OptionalInt.of(want.persistentKeepalive()) : OptionalInt.empty(),
            allowedChanged,
            allowedChanged ? want.allowedIps() : List.of()));
  }

  private static Set<String> asSet(List<IpPrefix> prefixes) {
    Set<String> set = new HashSet<>();
    for (IpPrefix p : prefixes) {
      set.add(p.masked().toString());
    }
    return set;
  }
}
