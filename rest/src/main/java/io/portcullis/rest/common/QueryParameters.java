package io.portcullis.rest.common;

import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.rest.problem.FieldErrors;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Parses query parameters by hand so that a malformed one is a 400 naming the parameter (JAX-RS itself would
 * answer 404 for an unconvertible query parameter).
 */
public final class QueryParameters {

  private QueryParameters() {}

  /** {@code offset} (default 0) and {@code limit} (default 50, at most 500). */
  public static PageRequest page(FieldErrors errors, String offset, String limit) {
    Integer from = number(errors, "offset", offset, 0, Integer.MAX_VALUE);
    Integer size = number(errors, "limit", limit, 1, PageRequest.MAX_LIMIT);
    return new PageRequest(
        from == null ? 0 : from, size == null ? PageRequest.DEFAULT_LIMIT : size);
  }

  /** An optional integer parameter within bounds; null if absent or bad (and then recorded). */
  public static Integer number(FieldErrors errors, String name, String raw, int min, int max) {
    Long value = id(errors, name, raw);
    if (value == null) {
      return null;
    }
    if (value < min || value > max) {
      errors.add(name, "must be between " + min + " and " + max);
      return null;
    }
    return value.intValue();
  }

  /** An optional whole-number parameter such as an id filter. */
  public static Long id(FieldErrors errors, String name, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      errors.add(name, "must be a whole number");
      return null;
    }
  }

  /** An optional boolean parameter: {@code true} or {@code false}. */
  public static Boolean bool(FieldErrors errors, String name, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    return switch (raw.trim()) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> {
        errors.add(name, "must be true or false");
        yield null;
      }
    };
  }

  /** An optional ISO-8601 instant such as {@code 2026-01-31T12:00:00Z}. */
  public static Instant instant(FieldErrors errors, String name, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(raw.trim());
    } catch (DateTimeParseException e) {
      errors.add(name, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
      return null;
    }
  }
}
