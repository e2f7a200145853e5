package io.portcullis.core.application;

import jakarta.ejb.ApplicationException;

/**
 * Testing a connection to another server (SMTP, LDAP) failed there: unreachable, credentials refused, TLS
 * failed, a base DN it does not have. The message says it the way an administrator understands it; the problem
 * type names the kind ({@code smtp-authentication-failed}, {@code ldap-unreachable}, …). Nothing was changed.
 */
@ApplicationException(rollback = true)
public class ConnectionTestFailedException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String problemType;

  public ConnectionTestFailedException(String problemType, String message, Throwable cause) {
    super(message, cause);
    this.problemType = problemType;
  }

  /** A short, stable slug such as {@code ldap-authentication-failed}. */
  public String problemType() {
    return problemType;
  }
}
