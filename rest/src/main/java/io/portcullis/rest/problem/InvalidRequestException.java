package io.portcullis.rest.problem;

import io.portcullis.core.application.FieldError;
import java.util.List;

/** A request the API cannot even parse into a command: missing or malformed fields or parameters (400). */
public class InvalidRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message() : errors.size() + " invalid fields");
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
