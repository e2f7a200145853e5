package io.portcullis.core.application;

import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.wireguard.WireGuardKey;
import java.util.Objects;

/** A device to create: its owner, name, and the owner's public key, or null to have a key pair generated. */
public record DeviceDraft(long userId, Name name, WireGuardKey publicKey) {

  public DeviceDraft {
    Objects.requireNonNull(name, "name");
  }
}
