package io.portcullis.gateway.noise;

import io.portcullis.gateway.wire.Protocol;
import java.util.Arrays;

/**
 * The Noise_IKpsk2 handshake state of one peer (paper 5.4): the remote static key and preshared key from the
 * configuration, and the chaining key, hash and ephemeral keys of the handshake in flight.
 *
 * <p>Handshake messages are created and consumed by {@link Noise} on the handshake thread; configuration
 * changes come from other threads. Both hold this object's lock.
 */
public final class Handshake {

  /** Where the handshake stands (the Linux implementation's handshake states). */
  public enum State {
    ZEROED,
    CREATED_INITIATION,
    CONSUMED_INITIATION,
    CREATED_RESPONSE,
    CONSUMED_RESPONSE
  }

  final byte[] remoteStatic;
  final byte[] presharedKey = new byte[Protocol.KEY_SIZE];
  final byte[] precomputedStaticStatic = new byte[Protocol.KEY_SIZE];
  boolean staticStaticValid;
  final byte[] hash = new byte[Protocol.KEY_SIZE];
  final byte[] chainingKey = new byte[Protocol.KEY_SIZE];
  final byte[] ephemeralPrivate = new byte[Protocol.KEY_SIZE];
  final byte[] remoteEphemeral = new byte[Protocol.KEY_SIZE];
  final byte[] latestTimestamp = new byte[Tai64n.SIZE];
  long lastInitiationConsumed;
  boolean anyInitiationConsumed;
  State state = State.ZEROED;
  int localIndex;
  int remoteIndex;

  /** A handshake towards the peer with this public key. */
  public Handshake(byte[] remoteStatic) {
    this.remoteStatic = remoteStatic.clone();
  }

  /** The peer's public key; callers must not modify it. */
  public byte[] remoteStatic() {
    return remoteStatic;
  }

  public synchronized State state() {
    return state;
  }

  /** The index we announced in the message in flight. */
  public synchronized int localIndex() {
    return localIndex;
  }

  /** Sets the preshared key (all zero for none). */
  public synchronized void presharedKey(byte[] psk) {
    System.arraycopy(psk, 0, presharedKey, 0, Protocol.KEY_SIZE);
  }

  public synchronized byte[] presharedKey() {
    return presharedKey.clone();
  }

  /**
   * Recomputes DH(our static private, peer static public), done once per private-key change (paper 5.4.2);
   * a key that yields zero makes every handshake with this peer fail.
   */
  public synchronized void precompute(StaticIdentity identity) {
    if (identity == null) {
      Arrays.fill(precomputedStaticStatic, (byte) 0);
      staticStaticValid = false;
    } else {
      staticStaticValid = identity.dh(precomputedStaticStatic, remoteStatic);
    }
    clear();
  }

  /** Forgets the handshake in flight (keeps configuration and the replay-protection timestamp). */
  public synchronized void clear() {
    Arrays.fill(hash, (byte) 0);
    Arrays.fill(chainingKey, (byte) 0);
    Arrays.fill(ephemeralPrivate, (byte) 0);
    Arrays.fill(remoteEphemeral, (byte) 0);
    state = State.ZEROED;
    localIndex = 0;
    remoteIndex = 0;
  }
}
