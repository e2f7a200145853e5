package io.portcullis.core.domain.model.user;

import java.util.Objects;
import java.util.regex.Pattern;

/** An e-mail address, checked for shape only (local@domain, no spaces, at most 254 characters). */
public record EmailAddress(String value) {

  private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

  public EmailAddress {
    Objects.requireNonNull(value, "value");
    if (value.length() > 254 || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("not an e-mail address");
    }
  }

  public static EmailAddress of(String value) {
    return new EmailAddress(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
