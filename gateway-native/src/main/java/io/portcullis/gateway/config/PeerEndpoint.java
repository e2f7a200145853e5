package io.portcullis.gateway.config;

import io.portcullis.gateway.model.IpPrefix;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A peer's {@code Endpoint} as written in a wg-quick file: a numeric address or a host name, and a port. Host
 * names are resolved only by {@link #resolve()}, when the interface comes up.
 *
 * @param host IPv4 dotted quad, IPv6 address without brackets, or a DNS name
 * @param port UDP port 1..65535
 */
public record PeerEndpoint(String host, int port) {

  public PeerEndpoint {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("endpoint without a host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " out of range 1..65535");
    }
  }

  /** Parses {@code HOST:PORT} or {@code [IPV6]:PORT}, the forms wg(8) accepts. */
  public static PeerEndpoint parse(String text) {
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
        throw new IllegalArgumentException("'" + text + "' is not [IPV6]:PORT");
      }
      host = text.substring(1, close);
      port = text.substring(close + 2);
      if (!isNumeric(host) || host.indexOf(':') < 0) {
        throw new IllegalArgumentException("'" + host + "' in brackets is not an IPv6 address");
      }
    } else {
      int colon = text.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
      }
      host = text.substring(0, colon);
      port = text.substring(colon + 1);
      if (host.indexOf(':') >= 0) {
        throw new IllegalArgumentException("an IPv6 endpoint needs brackets: [" + host + "]:" + port);
      }
      if (!isNumeric(host) && !isHostName(host)) {
        throw new IllegalArgumentException("'" + host + "' is neither an IP address nor a host name");
      }
    }
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("port '" + port + "' is not a number");
    }
    return new PeerEndpoint(host, Integer.parseInt(port));
  }

  /** Whether the host is an IP address literal (no lookup needed). */
  public boolean isNumeric() {
    return isNumeric(host);
  }

  /**
   * The socket address; a host name is looked up now (the system resolver, first address).
   *
   * @throws UnknownHostException when the name does not resolve
   */
  public InetSocketAddress resolve() throws UnknownHostException {
    InetAddress address = isNumeric() ? IpPrefix.parseNumericAddress(host) : InetAddress.getByName(host);
    return new InetSocketAddress(address, port);
  }

  /** {@code host:port}, with brackets around IPv6, as wg-quick files write it. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  private static boolean isNumeric(String host) {
    try {
      IpPrefix.parseNumericAddress(host);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** RFC 1123 host name: labels of letters, digits and hyphens, not starting or ending with a hyphen. */
  private static boolean isHostName(String host) {
    if (host.length() > 253) {
      return false;
    }
    for (String label : host.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
        return false;
      }
      if (!label.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-'))) {
        return false;
      }
    }
    return true;
  }
}
