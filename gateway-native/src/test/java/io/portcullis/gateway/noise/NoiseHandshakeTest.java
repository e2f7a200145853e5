package io.portcullis.gateway.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.crypto.X25519;
import io.portcullis.gateway.wire.MessageInitiation;
import io.portcullis.gateway.wire.MessageResponse;
import io.portcullis.gateway.wire.Protocol;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Noise_IKpsk2 handshake ours against ours, in memory, including replay, flooding and tampering. */
class NoiseHandshakeTest {
  static final SecureRandom RANDOM = new SecureRandom();
  static final long T0 = 1_000_000_000_000L;
  static final long EPOCH = 1_735_689_600_000_000_000L;

  StaticIdentity alice;
  StaticIdentity bob;
  Handshake aliceToBob;
  Handshake bobToAlice;
  Noise noiseA = new Noise(RANDOM);
  Noise noiseB = new Noise(RANDOM);

  static StaticIdentity identity() {
    byte[] k = new byte[32];
    X25519.generatePrivateKey(k, RANDOM);
    return new StaticIdentity(k);
  }

  @BeforeEach
  void setUp() {
    alice = identity();
    bob = identity();
    byte[] psk = new byte[32];
    RANDOM.nextBytes(psk);
    aliceToBob = new Handshake(bob.publicKey());
    bobToAlice = new Handshake(alice.publicKey());
    aliceToBob.presharedKey(psk);
    bobToAlice.presharedKey(psk);
    aliceToBob.precompute(alice);
    bobToAlice.precompute(bob);
  }

  Noise.PeerLookup bobsPeers() {
    return pub -> java.util.Arrays.equals(pub, alice.publicKey()) ? bobToAlice : null;
  }

  @Test
  void fullHandshakeDerivesMatchingKeys() {
    byte[] init = new byte[Protocol.MESSAGE_INITIATION_SIZE];
    assertThat(noiseA.createInitiation(aliceToBob, alice, 0x11223344, EPOCH, init, 0)).isTrue();
    assertThat(init[0]).isEqualTo((byte) 1);
    assertThat(new MessageInitiation().wrap(init, 0).senderIndex()).isEqualTo(0x11223344);
    assertThat(noiseB.consumeInitiation(bob, init, 0, bobsPeers(), T0, 20_000_000L))
        .isEqualTo(Noise.InitiationResult.OK);
    assertThat(noiseB.consumedHandshake()).isSameAs(bobToAlice);
    byte[] resp = new byte[Protocol.MESSAGE_RESPONSE_SIZE];
    assertThat(noiseB.createResponse(bobToAlice, 0x55667788, resp, 0)).isTrue();
    assertThat(new MessageResponse().wrap(resp, 0).receiverIndex()).isEqualTo(0x11223344);
    assertThat(noiseA.consumeResponse(aliceToBob, alice, resp, 0)).isTrue();
    Keypair ka = noiseA.beginSession(aliceToBob, T0);
    Keypair kb = noiseB.beginSession(bobToAlice, T0);
    assertThat(ka.initiator()).isTrue();
    assertThat(kb.initiator()).isFalse();
    assertThat(ka.sendKey()).isEqualTo(kb.receiveKey());
    assertThat(ka.receiveKey()).isEqualTo(kb.sendKey());
    assertThat(ka.sendKey()).isNotEqualTo(ka.receiveKey());
    assertThat(ka.remoteIndex()).isEqualTo(0x55667788);
    assertThat(kb.remoteIndex()).isEqualTo(0x11223344);
    assertThat(aliceToBob.state()).isEqualTo(Handshake.State.ZEROED);
  }

  @Test
  void replayedInitiationIsRefusedAndAFloodToo() {
    byte[] init = new byte[Protocol.MESSAGE_INITIATION_SIZE];
    noiseA.createInitiation(aliceToBob, alice, 1, EPOCH, init, 0);
    assertThat(noiseB.consumeInitiation(bob, init, 0, bobsPeers(), T0, 20_000_000L))
        .isEqualTo(Noise.InitiationResult.OK);
    assertThat(noiseB.consumeInitiation(bob, init, 0, bobsPeers(), T0 + 5_000_000_000L, 20_000_000L))
        .isEqualTo(Noise.InitiationResult.REPLAYED);
    byte[] later = new byte[Protocol.MESSAGE_INITIATION_SIZE];
    noiseA.createInitiation(aliceToBob, alice, 2, EPOCH + 1_000_000_000L, later, 0);
    assertThat(noiseB.consumeInitiation(bob, later, 0, bobsPeers(), T0 + 10_000_000L, 20_000_000L))
        .isEqualTo(Noise.InitiationResult.FLOOD);
    assertThat(noiseB.consumeInitiation(bob, later, 0, bobsPeers(), T0 + 30_000_000L, 20_000_000L))
        .isEqualTo(Noise.InitiationResult.OK);
  }

  @Test
  void unknownPeerAndWrongPresharedKeyFail() {
    byte[] init = new byte[Protocol.MESSAGE_INITIATION_SIZE];
    noiseA.createInitiation(aliceToBob, alice, 1, EPOCH, init, 0);
    assertThat(noiseB.consumeInitiation(bob, init, 0, pub -> null, T0, 0))
        .isEqualTo(Noise.InitiationResult.UNKNOWN_PEER);
    assertThat(noiseB.consumeInitiation(identity(), init, 0, bobsPeers(), T0, 0))
        .isEqualTo(Noise.InitiationResult.INVALID);
    assertThat(noiseB.consumeInitiation(bob, init, 0, bobsPeers(), T0, 0)).isEqualTo(Noise.InitiationResult.OK);
    bobToAlice.presharedKey(new byte[32]);
    byte[] resp = new byte[Protocol.MESSAGE_RESPONSE_SIZE];
    noiseB.createResponse(bobToAlice, 9, resp, 0);
    assertThat(noiseA.consumeResponse(aliceToBob, alice, resp, 0)).isFalse();
    assertThat(aliceToBob.state()).isEqualTo(Handshake.State.CREATED_INITIATION);
  }

  @Test
  void everySingleBitFlipOfTheInitiationIsRejected() {
    byte[] init = new byte[Protocol.MESSAGE_INITIATION_SIZE];
    noiseA.createInitiation(aliceToBob, alice, 1, EPOCH, init, 0);
    // bits in the ephemeral, static and timestamp fields (the sender index is not authenticated by Noise)
    for (int bit = MessageInitiation.EPHEMERAL_OFFSET * 8; bit < MessageInitiation.MAC1_OFFSET * 8; bit += 7) {
      byte[] m = init.clone();
      m[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(noiseB.consumeInitiation(bob, m, 0, bobsPeers(), T0, 0))
          .as("bit %d", bit)
          .isNotEqualTo(Noise.InitiationResult.OK);
    }
  }
}
