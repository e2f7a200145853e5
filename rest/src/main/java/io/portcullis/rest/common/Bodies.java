package io.portcullis.rest.common;

import io.portcullis.rest.problem.FieldErrors;

/** The check every POST and PUT makes first: there is a body at all. */
public final class Bodies {

  private Bodies() {}

  /** Returns {@code body}, or answers 400 if the request had none. */
  public static <T> T require(T body) {
    if (body == null) {
      FieldErrors errors = new FieldErrors();
      errors.add("body", "a JSON request body is required");
      errors.throwIfAny();
    }
    return body;
  }
}
