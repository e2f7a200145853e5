package io.portcullis.core.domain.model.settings;

import java.util.Locale;

/** How the connection to the SMTP server is protected, with the port each mode usually uses. */
public enum SmtpSecurity {
  /** Plain SMTP, nothing encrypted (a relay on the same host or network). */
  NONE(25),
  /** Plain connection upgraded with STARTTLS before anything else is sent; refused if the server cannot. */
  STARTTLS(587),
  /** TLS from the first byte (SMTPS, "implicit TLS" of RFC 8314). */
  TLS(465);

  private final int defaultPort;

  SmtpSecurity(int defaultPort) {
    this.defaultPort = defaultPort;
  }

  /** The port used when none is set. */
  public int defaultPort() {
    return defaultPort;
  }

  /** Parses {@code none}, {@code starttls} or {@code tls} in any case. */
  public static SmtpSecurity parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be one of NONE, STARTTLS, TLS");
    }
  }
}
