package io.portcullis.core.application;

import java.time.Instant;
import java.util.List;

/** A device as the API shows it, with its addresses per location. */
public record DeviceView(
    long id, long userId, String username, String name, String publicKey, List<Assignment> addresses, Instant createdAt) {

  /** One assigned address: in which location and pool. */
  public record Assignment(long locationId, String locationName, String pool, String address) {}
}
