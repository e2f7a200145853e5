package io.portcullis.rest.problem;

import io.portcullis.core.application.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Collects what is wrong with the fields of one request while it is turned into value objects, so the client
 * hears about every bad field at once; {@link #throwIfAny()} ends the parsing.
 */
public final class FieldErrors {

  private final List<FieldError> errors = new ArrayList<>();

  /** Parses a required field; a null value or a parser's IllegalArgumentException is recorded. */
  public <T> T required(String field, String raw, Function<String, T> parser) {
    if (raw == null) {
      add(field, "is required");
      return null;
    }
    return optional(field, raw, parser);
  }

  /** Parses an optional field; null stays null. */
  public <T> T optional(String field, String raw, Function<String, T> parser) {
    if (raw == null) {
      return null;
    }
    try {
      return parser.apply(raw);
    } catch (IllegalArgumentException e) {
      add(field, e.getMessage());
      return null;
    }
  }

  /** Parses every element of a list, naming bad elements {@code field[i]}; a null list is an empty one. */
  public <T> List<T> each(String field, List<String> raw, Function<String, T> parser) {
    List<T> parsed = new ArrayList<>();
    if (raw == null) {
      return parsed;
    }
    for (int i = 0; i < raw.size(); i++) {
      T value = required(field + "[" + i + "]", raw.get(i), parser);
      if (value != null) {
        parsed.add(value);
      }
    }
    return parsed;
  }

  /** Checks an integer range; null passes unless {@code required}. */
  public Integer range(String field, Integer value, int min, int max, boolean required) {
    if (value == null) {
      if (required) {
        add(field, "is required");
      }
      return null;
    }
    if (value < min || value > max) {
      add(field, "must be between " + min + " and " + max);
    }
    return value;
  }

  public void add(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  /** Throws the collected errors as one 400, or returns if there are none. */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }
}
