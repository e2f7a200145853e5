package io.portcullis.gateway.cli;

/** A command that cannot be carried out, with the one-line message {@link Main} prints before exiting with 1. */
public final class CliException extends Exception {

  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
