package io.portcullis.rest.gateway;

import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.rest.problem.FieldErrors;

/** The JSON of a gateway: its name, and its location when posted to {@code /gateways}. */
public record GatewayRequest(Long locationId, String name) {

  /** The name, checking that a given {@code locationId} agrees with the one in the path. */
  public Name name(long pathLocationId) {
    FieldErrors errors = new FieldErrors();
    Name parsed = errors.required("name", name, Name::of);
    if (locationId != null && locationId != pathLocationId) {
      errors.add("locationId", "differs from the location in the path");
    }
    errors.throwIfAny();
    return parsed;
  }

  /** The location id and name for a POST to {@code /gateways}. */
  long requiredLocationId() {
    FieldErrors errors = new FieldErrors();
    if (locationId == null) {
      errors.add("locationId", "is required");
    }
    errors.required("name", name, Name::of);
    errors.throwIfAny();
    return locationId;
  }
}
