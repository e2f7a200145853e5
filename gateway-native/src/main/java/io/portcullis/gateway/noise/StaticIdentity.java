package io.portcullis.gateway.noise;

import io.portcullis.gateway.crypto.Blake2s;
import io.portcullis.gateway.crypto.X25519;
import io.portcullis.gateway.wire.Protocol;

/**
 * The device's static key pair and what derives from it alone: the MAC1 and cookie keys that peers use towards
 * us (paper 5.4.4 and 5.4.7). Immutable; replaced as a whole when the private key changes.
 */
public final class StaticIdentity {
  private final byte[] privateKey;
  private final byte[] publicKey = new byte[Protocol.KEY_SIZE];
  private final byte[] mac1Key = new byte[Protocol.KEY_SIZE];
  private final byte[] cookieKey = new byte[Protocol.KEY_SIZE];

  /** Derives the identity of a 32-byte private key (clamped by X25519 itself). */
  public StaticIdentity(byte[] privateKey) {
    this.privateKey = privateKey.clone();
    X25519.publicKey(publicKey, this.privateKey);
    deriveMacKeys(publicKey, mac1Key, cookieKey);
  }

  /** MAC1 key = HASH(LABEL_MAC1 || public key), cookie key = HASH(LABEL_COOKIE || public key). */
  public static void deriveMacKeys(byte[] publicKey, byte[] mac1Key, byte[] cookieKey) {
    byte[] in = new byte[8 + Protocol.KEY_SIZE];
    System.arraycopy(Protocol.LABEL_MAC1, 0, in, 0, 8);
    System.arraycopy(publicKey, 0, in, 8, Protocol.KEY_SIZE);
    Blake2s.hash(mac1Key, 0, Protocol.KEY_SIZE, in, 0, in.length);
    System.arraycopy(Protocol.LABEL_COOKIE, 0, in, 0, 8);
    Blake2s.hash(cookieKey, 0, Protocol.KEY_SIZE, in, 0, in.length);
  }

  byte[] privateKey() {
    return privateKey;
  }

  /** Our public key; callers must not modify it. */
  public byte[] publicKey() {
    return publicKey;
  }

  /** The key peers use for MAC1 of messages to us; callers must not modify it. */
  public byte[] mac1Key() {
    return mac1Key;
  }

  /** The key under which we encrypt cookies for peers; callers must not modify it. */
  public byte[] cookieKey() {
    return cookieKey;
  }

  /** Computes DH(our private, {@code publicKey}) into {@code out}; false if the result is all zero. */
  public boolean dh(byte[] out, byte[] publicKey) {
    return X25519.scalarMult(out, privateKey, publicKey);
  }
}
