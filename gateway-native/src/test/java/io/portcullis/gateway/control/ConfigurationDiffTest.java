package io.portcullis.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfigurationDiffTest {
  private static final Random RANDOM = new Random(7);

  static Key key() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Key.of(b);
  }

  static LocationConfig.Peer peer(Key k, String... allowed) {
    return new LocationConfig.Peer(
        k, Optional.empty(), java.util.Arrays.stream(allowed).map(IpPrefix::parse).toList(), 0);
  }

  static LocationConfig config(Key priv, LocationConfig.Peer... peers) {
    var map = new java.util.HashMap<Key, LocationConfig.Peer>();
    for (var p : peers) {
      map.put(p.publicKey(), p);
    }
    return new LocationConfig("office", priv, List.of(IpPrefix.parse("10.0.0.1/24")), 51820, 1420, 0, map);
  }

  @Test
  void firstConfigurationSetsEverything() {
    Key priv = key();
    Key a = key();
    InMemoryDevice device = new InMemoryDevice();
    var update = ConfigurationDiff.between(device.state(), config(priv, peer(a, "10.0.0.2/32")));
    assertThat(update.privateKey()).contains(priv);
    assertThat(update.listenPort()).hasValue(51820);
    assertThat(update.peers()).singleElement().satisfies(p -> assertThat(p.publicKey()).isEqualTo(a));
    device.apply(update);
    assertThat(ConfigurationDiff.isEmpty(ConfigurationDiff.between(device.state(), config(priv, peer(a, "10.0.0.2/32")))))
        .as("applying the same configuration again changes nothing")
        .isTrue();
  }

  @Test
  void unchangedPeersAreNotMentionedAndChangedOnesAreUpdatedInPlace() {
    Key priv = key();
    Key a = key();
    Key b = key();
    Key c = key();
    InMemoryDevice device = new InMemoryDevice();
    device.apply(
        ConfigurationDiff.between(
            device.state(), config(priv, peer(a, "10.0.0.2/32"), peer(b, "10.0.0.3/32"))));

    var update =
        ConfigurationDiff.between(
            device.state(), config(priv, peer(a, "10.0.0.2/32"), peer(b, "10.0.0.4/32"), peer(c, "10.0.0.5/32")));

    assertThat(update.privateKey()).isEmpty();
    assertThat(update.listenPort()).isEmpty();
    assertThat(update.replacePeers()).isFalse();
    assertThat(update.peers()).extracting(p -> p.publicKey()).containsExactlyInAnyOrder(b, c);
    var bUpdate = update.peers().stream().filter(p -> p.publicKey().equals(b)).findFirst().orElseThrow();
    assertThat(bUpdate.updateOnly()).isTrue();
    assertThat(bUpdate.replaceAllowedIps()).isTrue();
    assertThat(bUpdate.allowedIps()).containsExactly(IpPrefix.parse("10.0.0.4/32"));
  }

  @Test
  void peersGoneFromTheCoreAreRemoved() {
    Key priv = key();
    Key a = key();
    Key b = key();
    InMemoryDevice device = new InMemoryDevice();
    device.apply(
        ConfigurationDiff.between(device.state(), config(priv, peer(a, "10.0.0.2/32"), peer(b, "10.0.0.3/32"))));
    var update = ConfigurationDiff.between(device.state(), config(priv, peer(a, "10.0.0.2/32")));
    assertThat(update.peers()).singleElement().satisfies(p -> {
      assertThat(p.publicKey()).isEqualTo(b);
      assertThat(p.remove()).isTrue();
    });
    device.apply(update);
    assertThat(device.peerKeys()).containsExactly(a);
  }

  @Test
  void presharedKeyAndKeepaliveChangesAreDetected() {
    Key priv = key();
    Key a = key();
    Key psk = key();
    InMemoryDevice device = new InMemoryDevice();
    device.apply(ConfigurationDiff.between(device.state(), config(priv, peer(a, "10.0.0.2/32"))));
    var withPsk = new LocationConfig.Peer(a, Optional.of(psk), List.of(IpPrefix.parse("10.0.0.2/32")), 25);
    var update = ConfigurationDiff.between(device.state(), config(priv, withPsk));
    assertThat(update.peers()).singleElement().satisfies(p -> {
      assertThat(p.presharedKey()).contains(psk);
      assertThat(p.persistentKeepalive()).hasValue(25);
      assertThat(p.replaceAllowedIps()).isFalse();
    });
    assertThat(Map.of()).isEmpty();
  }

  @Test
  void aSinglePeerUpdateAgreesWithTheFullDiff() {
    Key priv = key();
    Key a = key();
    Key b = key();
    LocationConfig.Peer a1 = peer(a, "10.0.0.2/32");
    LocationConfig.Peer a2 = peer(a, "10.0.0.2/32", "fd00::2/128");
    LocationConfig.Peer b1 = peer(b, "10.0.0.3/32");
    LocationConfig.Peer aWithPsk = new LocationConfig.Peer(a, Optional.of(key()), a1.allowedIps(), 25);
    // (running, wanted) pairs: created, modified (addresses, psk + keepalive), deleted, unchanged.
    List<List<LocationConfig>> steps =
        List.of(
            List.of(config(priv, b1), config(priv, b1, a1)),
            List.of(config(priv, b1, a1), config(priv, b1, a2)),
            List.of(config(priv, b1, a1), config(priv, b1, aWithPsk)),
            List.of(config(priv, b1, a2), config(priv, b1)),
            List.of(config(priv, b1, a1), config(priv, b1, a1)));
    for (List<LocationConfig> step : steps) {
      InMemoryDevice device = new InMemoryDevice();
      device.apply(ConfigurationDiff.between(device.state(), step.get(0)));
      var full = ConfigurationDiff.between(device.state(), step.get(1));
      var single = ConfigurationDiff.ofPeer(step.get(0).peers().get(a), step.get(1).peers().get(a));
      assertThat(single).as("%s -> %s", step.get(0).peers().keySet(), step.get(1).peers().keySet()).isEqualTo(full);
      device.apply(single);
      assertThat(ConfigurationDiff.isEmpty(ConfigurationDiff.between(device.state(), step.get(1)))).isTrue();
    }
  }
}
