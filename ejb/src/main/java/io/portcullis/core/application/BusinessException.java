package io.portcullis.core.application;

import jakarta.ejb.ApplicationException;

/**
 * An expected failure of a use case, reported to the caller with a problem type; the transaction it happened
 * in is rolled back so nothing is half-written.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class BusinessException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String problemType;

  protected BusinessException(String problemType, String message) {
    super(message);
    this.problemType = problemType;
  }

  /** A short, stable slug naming the kind of problem, such as {@code pool-exhausted}. */
  public String problemType() {
    return problemType;
  }
}
