package io.portcullis.core.application;

import jakarta.ejb.ApplicationException;

/** The identity provider could not be reached or refused a provisioning call; nothing was changed here (502). */
@ApplicationException(rollback = true, inherited = true)
public class DirectoryUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DirectoryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
