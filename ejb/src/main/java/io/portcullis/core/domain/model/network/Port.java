package io.portcullis.core.domain.model.network;

/** The rule for UDP port numbers. */
public final class Port {

  public static final int MIN = 1;
  public static final int MAX = 65535;

  private Port() {}

  /** Returns {@code port} if it is between 1 and 65535, else throws. */
  public static int check(int port) {
    if (port < MIN || port > MAX) {
      throw new IllegalArgumentException("port must be between " + MIN + " and " + MAX + ", not " + port);
    }
    return port;
  }
}
