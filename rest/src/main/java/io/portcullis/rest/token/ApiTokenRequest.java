package io.portcullis.rest.token;

import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.rest.problem.FieldErrors;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The JSON of a new API token: a name, an optional owner ({@code userId}, admins only; default the caller) and
 * an optional expiry ({@code expiresAt}, ISO-8601 instant; default 90 days).
 */
public record ApiTokenRequest(Long userId, String name, String expiresAt) {

  record Parsed(Long userId, Name name, Instant expiresAt) {}

  Parsed parse() {
    FieldErrors errors = new FieldErrors();
    Name parsed = errors.required("name", name, Name::of);
    Instant expiry = null;
    if (expiresAt != null) {
      try {
        expiry = Instant.parse(expiresAt);
      } catch (DateTimeParseException e) {
        errors.add("expiresAt", "must be an ISO-8601 instant such as 2027-01-31T00:00:00Z");
      }
    }
    errors.throwIfAny();
    return new Parsed(userId, parsed, expiry);
  }
}
