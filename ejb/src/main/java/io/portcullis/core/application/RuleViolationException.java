package io.portcullis.core.application;

import java.util.List;

/** The request is well-formed but breaks a rule of the domain (overlapping pools, unknown groups, …). */
public class RuleViolationException extends BusinessException {

  private static final long serialVersionUID = 1L;

  private final List<FieldError> errors;

  public RuleViolationException(String message, List<FieldError> errors) {
    super("rule-violation", message);
    this.errors = List.copyOf(errors);
  }

  public RuleViolationException(String field, String message) {
    this(message, List.of(new FieldError(field, message)));
  }

  /** The offending fields; never empty. */
  public List<FieldError> errors() {
    return errors;
  }
}
