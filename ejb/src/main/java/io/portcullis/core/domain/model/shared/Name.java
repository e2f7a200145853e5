package io.portcullis.core.domain.model.shared;

import java.util.Objects;

/**
 * The name of a group, location, device or gateway: 1 to 64 characters after trimming, no control
 * characters. Compares by its text.
 */
public record Name(String value) {

  public static final int MAX_LENGTH = 64;

  public Name {
    Objects.requireNonNull(value, "value");
    value = value.strip();
    if (value.isEmpty()) {
      throw new IllegalArgumentException("must not be blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("must not contain control characters");
    }
  }

  public static Name of(String value) {
    return new Name(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
