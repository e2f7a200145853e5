package io.portcullis.core.domain.model.wireguard;

import java.util.Objects;

/** A private key and the public key derived from it. */
public record WireGuardKeyPair(WireGuardKey privateKey, WireGuardKey publicKey) {

  public WireGuardKeyPair {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(publicKey, "publicKey");
  }

  /** Hides the private key, so a key pair in a log line never leaks it. */
  @Override
  public String toString() {
    return "WireGuardKeyPair[public=" + publicKey + "]";
  }
}
