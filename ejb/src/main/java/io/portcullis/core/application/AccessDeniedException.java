package io.portcullis.core.application;

import jakarta.ejb.ApplicationException;

/**
 * The caller is known but may not do this (HTTP 403). Unchecked so that a check can refuse any service method;
 * the transaction rolls back like for every business failure.
 */
@ApplicationException(rollback = true, inherited = true)
public class AccessDeniedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public AccessDeniedException(String message) {
    super(message);
  }
}
