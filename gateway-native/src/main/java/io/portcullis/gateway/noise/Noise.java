package io.portcullis.gateway.noise;

import io.portcullis.gateway.crypto.Blake2s;
import io.portcullis.gateway.crypto.ChaCha20Poly1305;
import io.portcullis.gateway.crypto.Kdf;
import io.portcullis.gateway.crypto.X25519;
import io.portcullis.gateway.wire.MessageInitiation;
import io.portcullis.gateway.wire.MessageResponse;
import io.portcullis.gateway.wire.Protocol;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The Noise_IKpsk2 operations of WireGuard (paper 5.4.2-5.4.5; http://www.noiseprotocol.org/noise.html):
 * create and consume an initiation, create and consume a response, and derive the transport keypair.
 *
 * <p>One instance per thread: it owns the scratch buffers, so every operation allocates nothing but the
 * resulting {@link Keypair}. MACs are not handled here (see {@code cookie}). A method that fails returns
 * false or null and leaves the handshake as it was.
 */
public final class Noise {
  private static final byte[] INITIAL_CHAINING_KEY = new byte[Protocol.KEY_SIZE];
  private static final byte[] INITIAL_HASH = new byte[Protocol.KEY_SIZE];

  static {
    Blake2s.hash(INITIAL_CHAINING_KEY, 0, 32, Protocol.CONSTRUCTION, 0, Protocol.CONSTRUCTION.length);
    Blake2s h = new Blake2s(32);
    h.update(INITIAL_CHAINING_KEY, 0, 32);
    h.update(Protocol.IDENTIFIER, 0, Protocol.IDENTIFIER.length);
    h.doFinal(INITIAL_HASH, 0);
  }

  /** Looks up the handshake of the peer whose static public key is given, or null if no such peer. */
  @FunctionalInterface
  public interface PeerLookup {
    Handshake byStaticKey(byte[] publicKey);
  }

  /** Why {@link #consumeInitiation} refused a message. */
  public enum InitiationResult {
    OK,
    INVALID,
    UNKNOWN_PEER,
    REPLAYED,
    FLOOD
  }

  private final SecureRandom random;
  private final byte[] ck = new byte[32];
  private final byte[] h = new byte[32];
  private final byte[] key = new byte[32];
  private final byte[] dh = new byte[32];
  private final byte[] tau = new byte[32];
  private final byte[] eph = new byte[32];
  private final byte[] ephPub = new byte[32];
  private final byte[] stat = new byte[32];
  private final byte[] ts = new byte[Tai64n.SIZE];
  private final MessageInitiation init = new MessageInitiation();
  private final MessageResponse resp = new MessageResponse();
  private Handshake consumed;

  public Noise(SecureRandom random) {
    this.random = random;
  }

  private void mixHash(byte[] in, int off, int len) {
    Blake2s b = new Blake2s(32);
    b.update(h, 0, 32);
    b.update(in, off, len);
    b.doFinal(h, 0);
  }

  /**
   * Writes an initiation into {@code out} (type, sender index, ephemeral, encrypted static and timestamp;
   * MAC fields untouched) and moves the handshake to CREATED_INITIATION.
   */
  public boolean createInitiation(
      Handshake hs, StaticIdentity id, int localIndex, long epochNanos, byte[] out, int off) {
    synchronized (hs) {
      if (id == null || !hs.staticStaticValid) {
        return false;
      }
      MessageInitiation m = init.wrap(out, off).writeHeader();
      System.arraycopy(INITIAL_CHAINING_KEY, 0, ck, 0, 32);
      System.arraycopy(INITIAL_HASH, 0, h, 0, 32);
      mixHash(hs.remoteStatic, 0, 32);
      X25519.generatePrivateKey(eph, random);
      X25519.publicKey(ephPub, eph);
      System.arraycopy(ephPub, 0, out, m.at(MessageInitiation.EPHEMERAL_OFFSET), 32);
      Kdf.kdf1(ck, ck, ephPub, 0, 32);
      mixHash(ephPub, 0, 32);
      if (!X25519.scalarMult(dh, eph, hs.remoteStatic)) {
        return false;
      }
      Kdf.kdf2(ck, key, ck, dh, 0, 32);
      int so = m.at(MessageInitiation.STATIC_OFFSET);
      ChaCha20Poly1305.seal(key, 0, id.publicKey(), 0, 32, h, 0, 32, out, so);
      mixHash(out, so, MessageInitiation.STATIC_SIZE);
      Kdf.kdf2(ck, key, ck, hs.precomputedStaticStatic, 0, 32);
      Tai64n.write(epochNanos, ts, 0);
      int to = m.at(MessageInitiation.TIMESTAMP_OFFSET);
      ChaCha20Poly1305.seal(key, 0, ts, 0, Tai64n.SIZE, h, 0, 32, out, to);
      mixHash(out, to, MessageInitiation.TIMESTAMP_SIZE);
      m.senderIndex(localIndex);
      System.arraycopy(ck, 0, hs.chainingKey, 0, 32);
      System.arraycopy(h, 0, hs.hash, 0, 32);
      System.arraycopy(eph, 0, hs.ephemeralPrivate, 0, 32);
      hs.localIndex = localIndex;
      hs.state = Handshake.State.CREATED_INITIATION;
      wipe();
      return true;
    }
  }

  /**
   * Consumes an initiation whose MAC1 was checked: finds the peer by the decrypted static key, checks the
   * timestamp against replay and flooding, and moves that peer's handshake to CONSUMED_INITIATION. On OK the
   * handshake is available from {@link #consumedHandshake()}.
   */
  public InitiationResult consumeInitiation(
      StaticIdentity id, byte[] msg, int off, PeerLookup peers, long nowNanos, long minInterval) {
    consumed = null;
    if (id == null) {
      return InitiationResult.INVALID;
    }
    MessageInitiation m = init.wrap(msg, off);
    System.arraycopy(INITIAL_CHAINING_KEY, 0, ck, 0, 32);
    System.arraycopy(INITIAL_HASH, 0, h, 0, 32);
    mixHash(id.publicKey(), 0, 32);
    int eo = m.at(MessageInitiation.EPHEMERAL_OFFSET);
    System.arraycopy(msg, eo, eph, 0, 32); // here: the remote ephemeral public key
    Kdf.kdf1(ck, ck, eph, 0, 32);
    mixHash(eph, 0, 32);
    if (!id.dh(dh, eph)) {
      return fail(InitiationResult.INVALID);
    }
    Kdf.kdf2(ck, key, ck, dh, 0, 32);
    int so = m.at(MessageInitiation.STATIC_OFFSET);
    if (!ChaCha20Poly1305.open(key, 0, msg, so, MessageInitiation.STATIC_SIZE, h, 0, 32, stat, 0)) {
      return fail(InitiationResult.INVALID);
    }
    mixHash(msg, so, MessageInitiation.STATIC_SIZE);
    Handshake hs = peers.byStaticKey(stat);
    if (hs == null) {
      return fail(InitiationResult.UNKNOWN_PEER);
    }
    synchronized (hs) {
      if (!hs.staticStaticValid) {
        return fail(InitiationResult.INVALID);
      }
      Kdf.kdf2(ck, key, ck, hs.precomputedStaticStatic, 0, 32);
      int to = m.at(MessageInitiation.TIMESTAMP_OFFSET);
      if (!ChaCha20Poly1305.open(key, 0, msg, to, MessageInitiation.TIMESTAMP_SIZE, h, 0, 32, ts, 0)) {
        return fail(InitiationResult.INVALID);
      }
      mixHash(msg, to, MessageInitiation.TIMESTAMP_SIZE);
      if (hs.anyInitiationConsumed && !Tai64n.after(ts, 0, hs.latestTimestamp, 0)) {
        return fail(InitiationResult.REPLAYED);
      }
      if (hs.anyInitiationConsumed && nowNanos - hs.lastInitiationConsumed < minInterval) {
        return fail(InitiationResult.FLOOD);
      }
      System.arraycopy(eph, 0, hs.remoteEphemeral, 0, 32);
      System.arraycopy(ts, 0, hs.latestTimestamp, 0, Tai64n.SIZE);
      hs.anyInitiationConsumed = true;
      hs.lastInitiationConsumed = nowNanos;
      System.arraycopy(ck, 0, hs.chainingKey, 0, 32);
      System.arraycopy(h, 0, hs.hash, 0, 32);
      hs.remoteIndex = m.senderIndex();
      hs.state = Handshake.State.CONSUMED_INITIATION;
    }
    wipe();
    consumed = hs;
    return InitiationResult.OK;
  }

  /** The handshake found by the last successful {@link #consumeInitiation}. */
  public Handshake consumedHandshake() {
    return consumed;
  }

  private InitiationResult fail(InitiationResult r) {
    wipe();
    return r;
  }

  /** Writes a response to a consumed initiation (MACs untouched) and moves to CREATED_RESPONSE. */
  public boolean createResponse(Handshake hs, int localIndex, byte[] out, int off) {
    synchronized (hs) {
      if (hs.state != Handshake.State.CONSUMED_INITIATION) {
        return false;
      }
      MessageResponse m = resp.wrap(out, off).writeHeader();
      System.arraycopy(hs.chainingKey, 0, ck, 0, 32);
      System.arraycopy(hs.hash, 0, h, 0, 32);
      X25519.generatePrivateKey(eph, random);
      X25519.publicKey(ephPub, eph);
      System.arraycopy(ephPub, 0, out, m.at(MessageResponse.EPHEMERAL_OFFSET), 32);
      Kdf.kdf1(ck, ck, ephPub, 0, 32);
      mixHash(ephPub, 0, 32);
      if (!X25519.scalarMult(dh, eph, hs.remoteEphemeral)) {
        return failed();
      }
      Kdf.kdf1(ck, ck, dh, 0, 32);
      if (!X25519.scalarMult(dh, eph, hs.remoteStatic)) {
        return failed();
      }
      Kdf.kdf1(ck, ck, dh, 0, 32);
      Kdf.kdf3(ck, tau, key, ck, hs.presharedKey, 0, 32);
      mixHash(tau, 0, 32);
      int eo = m.at(MessageResponse.EMPTY_OFFSET);
      ChaCha20Poly1305.seal(key, 0, out, eo, 0, h, 0, 32, out, eo);
      mixHash(out, eo, Protocol.AEAD_TAG_SIZE);
      m.senderIndex(localIndex).receiverIndex(hs.remoteIndex);
      System.arraycopy(ck, 0, hs.chainingKey, 0, 32);
      System.arraycopy(h, 0, hs.hash, 0, 32);
      hs.localIndex = localIndex;
      hs.state = Handshake.State.CREATED_RESPONSE;
      wipe();
      return true;
    }
  }

  private boolean failed() {
    wipe();
    return false;
  }

  /**
   * Consumes a response to our initiation (found by the receiver index, MAC1 checked) and moves to
   * CONSUMED_RESPONSE.
   */
  public boolean consumeResponse(Handshake hs, StaticIdentity id, byte[] msg, int off) {
    if (id == null) {
      return false;
    }
    MessageResponse m = resp.wrap(msg, off);
    synchronized (hs) {
      if (hs.state != Handshake.State.CREATED_INITIATION || hs.localIndex != m.receiverIndex()) {
        return false;
      }
      System.arraycopy(hs.chainingKey, 0, ck, 0, 32);
      System.arraycopy(hs.hash, 0, h, 0, 32);
      int eo = m.at(MessageResponse.EPHEMERAL_OFFSET);
      System.arraycopy(msg, eo, ephPub, 0, 32);
      Kdf.kdf1(ck, ck, ephPub, 0, 32);
      mixHash(ephPub, 0, 32);
      if (!X25519.scalarMult(dh, hs.ephemeralPrivate, ephPub)) {
        return failed();
      }
      Kdf.kdf1(ck, ck, dh, 0, 32);
      if (!id.dh(dh, ephPub)) {
        return failed();
      }
      Kdf.kdf1(ck, ck, dh, 0, 32);
      Kdf.kdf3(ck, tau, key, ck, hs.presharedKey, 0, 32);
      mixHash(tau, 0, 32);
      int xo = m.at(MessageResponse.EMPTY_OFFSET);
      if (!ChaCha20Poly1305.open(key, 0, msg, xo, Protocol.AEAD_TAG_SIZE, h, 0, 32, dh, 0)) {
        return failed();
      }
      mixHash(msg, xo, Protocol.AEAD_TAG_SIZE);
      System.arraycopy(ck, 0, hs.chainingKey, 0, 32);
      System.arraycopy(h, 0, hs.hash, 0, 32);
      hs.remoteIndex = m.senderIndex();
      hs.state = Handshake.State.CONSUMED_RESPONSE;
      wipe();
      return true;
    }
  }

  /**
   * Derives the transport keypair (paper 5.4.5) from a handshake that we answered (CREATED_RESPONSE) or whose
   * response we consumed (CONSUMED_RESPONSE), then zeroes the handshake; null in any other state.
   */
  public Keypair beginSession(Handshake hs, long nowNanos) {
    synchronized (hs) {
      boolean initiator;
      if (hs.state == Handshake.State.CONSUMED_RESPONSE) {
        initiator = true;
      } else if (hs.state == Handshake.State.CREATED_RESPONSE) {
        initiator = false;
      } else {
        return null;
      }
      Keypair k = new Keypair(hs.localIndex, hs.remoteIndex, nowNanos, initiator);
      if (initiator) {
        Kdf.kdf2(k.sendKey, k.receiveKey, hs.chainingKey, tau, 0, 0);
      } else {
        Kdf.kdf2(k.receiveKey, k.sendKey, hs.chainingKey, tau, 0, 0);
      }
      hs.clear();
      return k;
    }
  }

  private void wipe() {
    Arrays.fill(ck, (byte) 0);
    Arrays.fill(key, (byte) 0);
    Arrays.fill(dh, (byte) 0);
    Arrays.fill(eph, (byte) 0);
    Arrays.fill(tau, (byte) 0);
  }
}
