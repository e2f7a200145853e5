package io.portcullis.core.application;

/**
 * The request is valid but clashes with the current state: a duplicate name or key, a full address pool, a
 * change that would orphan devices.
 */
public class ConflictException extends BusinessException {

  private static final long serialVersionUID = 1L;

  public ConflictException(String problemType, String message) {
    super(problemType, message);
  }
}
