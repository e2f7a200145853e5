package io.portcullis.gateway.uapi;

/**
 * A UAPI request that cannot be honoured, with the errno value the reply carries ({@code errno=22} for a
 * malformed request).
 */
public final class UapiException extends Exception {
  private final int errno;

  public UapiException(int errno, String message) {
    super(message);
    this.errno = errno;
  }

  public UapiException(int errno, String message, Throwable cause) {
    super(message, cause);
    this.errno = errno;
  }

  /** The positive errno value of the reply. */
  public int errno() {
    return errno;
  }
}
