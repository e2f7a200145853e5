package io.portcullis.core.application;

import jakarta.ejb.ApplicationException;

/** The credentials do not identify anyone: unknown, expired or revoked API token (HTTP 401). */
@ApplicationException(rollback = true, inherited = true)
public class AuthenticationFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public AuthenticationFailedException(String message) {
    super(message);
  }
}
