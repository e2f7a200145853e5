package io.portcullis.core.infrastructure.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.portcullis.proto.gateway.v1.CoreMessage;
import io.portcullis.proto.gateway.v1.Interface;
import io.portcullis.proto.gateway.v1.Peer;
import io.portcullis.proto.gateway.v1.PeerChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Patching a snapshot with a scoped change gives the same peers and messages as reading it whole again. */
class LocationSnapshotTest {
  private static final Interface ITF =
      Interface.newBuilder().setPrivateKey(ByteString.copyFrom(new byte[32])).setListenPort(51820).build();

  private static ByteString key(int n) {
    byte[] k = new byte[32];
    k[0] = (byte) n;
    k[1] = (byte) (n >> 8);
    return ByteString.copyFrom(k);
  }

  private static LocationSnapshot.Entry entry(long device, long user, int keyNo, String... allowed) {
    Peer.Builder p = Peer.newBuilder().setPublicKey(key(keyNo));
    for (String a : allowed) {
      p.addAllowedIps(a);
    }
    return new LocationSnapshot.Entry(device, user, p.build());
  }

  private static LocationSnapshot of(LocationSnapshot.Entry... entries) {
    return LocationSnapshot.of(7, "loc", ITF, List.of(entries));
  }

  private static List<String> describe(List<CoreMessage.Builder> messages) {
    List<String> out = new ArrayList<>();
    for (CoreMessage.Builder m : messages) {
      PeerChange c = m.getPeerChange();
      out.add(c.getKind() + " " + (c.getPeer().getPublicKey().byteAt(0) & 0xff) + " " + c.getPeer().getAllowedIpsList());
    }
    return out;
  }

  @Test
  void aCreatedDeviceIsOneCreation() {
    LocationSnapshot before = of(entry(1, 10, 1, "10.0.0.2/32"), entry(2, 10, 2, "10.0.0.3/32"));
    assertThat(before.toConfiguration().getPeersCount()).isEqualTo(2);
    List<CoreMessage.Builder> messages = before.patch(Set.of(3L), Set.of(), List.of(entry(3, 11, 3, "10.0.0.4/32")));
    assertThat(describe(messages)).containsExactly("KIND_CREATED 3 [10.0.0.4/32]");
    assertThat(before.peers()).hasSize(3);
    assertThat(before.toConfiguration().getPeersCount()).as("the full message follows the change").isEqualTo(3);
  }

  @Test
  void aDeletedDeviceIsOneDeletionAndOthersAreUntouched() {
    LocationSnapshot before = of(entry(1, 10, 1, "10.0.0.2/32"), entry(2, 10, 2, "10.0.0.3/32"));
    assertThat(describe(before.patch(Set.of(2L), Set.of(), List.of()))).containsExactly("KIND_DELETED 2 [10.0.0.3/32]");
    assertThat(before.peers().keySet()).containsExactly(key(1));
  }

  @Test
  void aDisabledUserLosesAllItsDevicesAndOnlyThose() {
    LocationSnapshot before =
        of(entry(1, 10, 1, "10.0.0.2/32"), entry(2, 11, 2, "10.0.0.3/32"), entry(3, 10, 3, "10.0.0.4/32"));
    assertThat(describe(before.patch(Set.of(), Set.of(10L), List.of())))
        .containsExactly("KIND_DELETED 1 [10.0.0.2/32]", "KIND_DELETED 3 [10.0.0.4/32]");
    assertThat(before.peers().keySet()).containsExactly(key(2));

    List<CoreMessage.Builder> back =
        before.patch(Set.of(), Set.of(10L), List.of(entry(1, 10, 1, "10.0.0.2/32"), entry(3, 10, 3, "10.0.0.4/32")));
    assertThat(describe(back)).containsExactly("KIND_CREATED 1 [10.0.0.2/32]", "KIND_CREATED 3 [10.0.0.4/32]");
    assertThat(before.peers()).hasSize(3);
  }

  @Test
  void aChangedAddressIsAModificationAndAnUnchangedReadIsNothing() {
    LocationSnapshot before = of(entry(1, 10, 1, "10.0.0.2/32"));
    assertThat(before.patch(Set.of(1L), Set.of(), List.of(entry(1, 10, 1, "10.0.0.2/32")))).isEmpty();

    List<CoreMessage.Builder> moved =
        before.patch(Set.of(1L), Set.of(), List.of(entry(1, 10, 1, "10.0.0.9/32", "fd00::9/128")));
    assertThat(describe(moved)).containsExactly("KIND_MODIFIED 1 [10.0.0.9/32, fd00::9/128]");
  }

  @Test
  void aKeyReusedByANewDeviceReplacesTheStaleEntry() {
    // Device 1 was deleted and device 5 created with its key; the deletion's event was not applied yet.
    LocationSnapshot before = of(entry(1, 10, 1, "10.0.0.2/32"), entry(2, 10, 2, "10.0.0.3/32"));
    assertThat(describe(before.patch(Set.of(5L), Set.of(), List.of(entry(5, 10, 1, "10.0.0.7/32")))))
        .containsExactly("KIND_MODIFIED 1 [10.0.0.7/32]");
    // The deletion's event, applied afterwards, must not remove the key now owned by device 5.
    assertThat(before.patch(Set.of(1L), Set.of(), List.of())).isEmpty();
    assertThat(before.peers()).containsKey(key(1));
  }

  @Test
  void patchingAgreesWithAWholeReadForEveryScope() {
    // Randomized against the reference: the whole snapshot diff (ConfigurationDelta.between).
    java.util.SplittableRandom random = new java.util.SplittableRandom(42);
    List<LocationSnapshot.Entry> all = new ArrayList<>();
    for (int d = 1; d <= 40; d++) {
      all.add(entry(d, d % 5, d, "10.0." + d + ".1/32"));
    }
    LocationSnapshot current = LocationSnapshot.of(7, "loc", ITF, all.subList(0, 20));
    for (int round = 0; round < 300; round++) {
      // The database now holds a random subset with random addresses.
      List<LocationSnapshot.Entry> db = new ArrayList<>();
      for (LocationSnapshot.Entry e : all) {
        if (random.nextInt(3) > 0) {
          db.add(random.nextBoolean() ? e : entry(e.deviceId(), e.userId(), (int) e.deviceId(), "10.1.0." + round + "/32"));
        }
      }
      // A change names some devices and users; every device outside the scope is as cached.
      Set<Long> devices = new java.util.HashSet<>();
      Set<Long> users = new java.util.HashSet<>();
      for (int i = 0; i < 3; i++) {
        devices.add(1L + random.nextInt(40));
      }
      users.add((long) random.nextInt(5));
      List<LocationSnapshot.Entry> truth = new ArrayList<>();
      java.util.Map<ByteString, Peer> cached = current.peers();
      for (LocationSnapshot.Entry e : all) {
        boolean inScope = devices.contains(e.deviceId()) || users.contains(e.userId());
        if (inScope) {
          db.stream().filter(x -> x.deviceId() == e.deviceId()).findFirst().ifPresent(truth::add);
        } else if (cached.containsKey(e.publicKey())) {
          truth.add(new LocationSnapshot.Entry(e.deviceId(), e.userId(), cached.get(e.publicKey())));
        }
      }
      List<LocationSnapshot.Entry> fresh =
          truth.stream().filter(e -> devices.contains(e.deviceId()) || users.contains(e.userId())).toList();
      LocationSnapshot whole = LocationSnapshot.of(7, "loc", ITF, truth);
      List<String> expected = describe(ConfigurationDelta.between(current, whole));
      List<CoreMessage.Builder> messages = current.patch(devices, users, fresh);
      assertThat(current.peers()).isEqualTo(whole.peers());
      assertThat(describe(messages)).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(current.toConfiguration().getPeersList())
          .containsExactlyInAnyOrderElementsOf(whole.toConfiguration().getPeersList());
    }
  }
}
