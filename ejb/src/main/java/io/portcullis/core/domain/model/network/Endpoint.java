package io.portcullis.core.domain.model.network;

import java.util.regex.Pattern;

/** Where clients reach a location's gateway: a DNS name or IP literal and a UDP port. */
public record Endpoint(String host, int port) {

  private static final Pattern HOSTNAME =
      Pattern.compile("(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

  public Endpoint {
    host = checkHost(host);
    Port.check(port);
  }

  /** Accepts a DNS name or an IPv4/IPv6 literal (without brackets); returns it in canonical form. */
  public static String checkHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
      return IpAddress.parse(host).toString();
    }
    if (!HOSTNAME.matcher(host).matches()) {
      throw new IllegalArgumentException("not a host name or IP address: " + host);
    }
    return host.toLowerCase(java.util.Locale.ROOT);
  }

  /** {@code host:port}, with an IPv6 literal in brackets as wg-quick expects. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
