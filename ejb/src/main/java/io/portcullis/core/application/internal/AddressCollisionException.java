package io.portcullis.core.application.internal;

import io.portcullis.core.application.BusinessException;

/** Two transactions picked the same address and the database refused the second; the caller retries. */
public class AddressCollisionException extends BusinessException {

  private static final long serialVersionUID = 1L;

  public AddressCollisionException(String message) {
    super("address-collision", message);
  }
}
