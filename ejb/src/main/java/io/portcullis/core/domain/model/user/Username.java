package io.portcullis.core.domain.model.user;

import java.util.Objects;
import java.util.regex.Pattern;

/** A login name: 1 to 64 of letters, digits, '.', '_', '-' and '@', starting with a letter or digit. */
public record Username(String value) {

  private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  public Username {
    Objects.requireNonNull(value, "value");
    if (!SYNTAX.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "must be 1 to 64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit");
    }
  }

  public static Username of(String value) {
    return new Username(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
