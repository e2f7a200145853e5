package io.portcullis.core.domain.model.settings;

/**
 * Where and how the core sends mail. {@code host} null means mail is off. The password is a secret: it leaves
 * the core only towards the SMTP server, and {@link #toString()} masks it.
 */
public record SmtpSettings(
    String host, Integer port, SmtpSecurity security, String username, String password, String from) {

  public static final SmtpSettings OFF = new SmtpSettings(null, null, SmtpSecurity.STARTTLS, null, null, null);

  public SmtpSettings {
    security = security == null ? SmtpSecurity.STARTTLS : security;
  }

  public boolean configured() {
    return host != null;
  }

  /** The port to connect to: the one set, else the usual one of the security mode. */
  public int effectivePort() {
    return port == null ? security.defaultPort() : port;
  }

  public boolean passwordSet() {
    return password != null;
  }

  /** The same settings with another password (null: none). */
  public SmtpSettings withPassword(String newPassword) {
    return new SmtpSettings(host, port, security, username, newPassword, from);
  }

  @Override
  public String toString() {
    return "SmtpSettings[host=" + host + ", port=" + port + ", security=" + security + ", username=" + username
        + ", password=" + (password == null ? "none" : "********") + ", from=" + from + "]";
  }
}
