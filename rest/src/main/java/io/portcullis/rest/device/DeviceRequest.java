package io.portcullis.rest.device;

import io.portcullis.core.application.DeviceDraft;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.wireguard.WireGuardKey;
import io.portcullis.rest.problem.FieldErrors;

/**
 * The JSON of a new device: owner (default: the caller), name, and the owner's WireGuard public key; without {@code publicKey} the
 * server generates a key pair and returns the private key once.
 */
public record DeviceRequest(Long userId, String name, String publicKey) {

  /** The draft; without {@code userId} the device is the caller's own ({@code callerId}). */
  DeviceDraft toDraft(Long callerId) {
    FieldErrors errors = new FieldErrors();
    Long owner = userId != null ? userId : callerId;
    if (owner == null) {
      errors.add("userId", "is required");
    }
    Name parsed = errors.required("name", name, Name::of);
    WireGuardKey key = errors.optional("publicKey", publicKey, WireGuardKey::parse);
    errors.throwIfAny();
    return new DeviceDraft(owner, parsed, key);
  }
}
