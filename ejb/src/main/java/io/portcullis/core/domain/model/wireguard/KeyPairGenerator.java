package io.portcullis.core.domain.model.wireguard;

/** Makes fresh WireGuard key pairs (X25519). */
public interface KeyPairGenerator {

  WireGuardKeyPair generate();
}
