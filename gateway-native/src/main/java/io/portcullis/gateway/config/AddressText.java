package io.portcullis.gateway.config;

import io.portcullis.gateway.model.IpPrefix;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Prints addresses the way wg(8) and ip(8) do: IPv6 in the RFC 5952 canonical form
 * (https://www.rfc-editor.org/rfc/rfc5952#section-4: lowercase, no leading zeros, the longest run of two or more
 * zero groups as {@code ::}), IPv4 as a dotted quad.
 */
public final class AddressText {

  private AddressText() {}

  public static String format(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    byte[] b = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLength - 1;
        continue;
      }
      if (!s.isEmpty() && s.charAt(s.length() - 1) != ':') {
        s.append(':');
      }
      s.append(Integer.toHexString(groups[i]));
    }
    return s.toString();
  }

  public static String format(IpPrefix prefix) {
    return format(prefix.address()) + "/" + prefix.length();
  }
}
