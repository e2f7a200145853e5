package io.portcullis.gateway.model;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 prefix such as {@code 10.0.0.0/24} or {@code fd00::1/128}, as AllowedIPs and Address use it.
 *
 * <p>The address is kept as given (wg keeps host bits of AllowedIPs too); {@link #masked()} clears host bits.
 */
public record IpPrefix(InetAddress address, int length) {

  public IpPrefix {
    if (address == null) {
      throw new IllegalArgumentException("prefix without an address");
    }
    int max = address instanceof Inet4Address ? 32 : 128;
    if (length < 0 || length > max) {
      throw new IllegalArgumentException("prefix length " + length + " out of range 0.." + max);
    }
  }

  /**
   * Parses {@code ADDRESS[/LENGTH]} with a numeric address only (no DNS lookup ever); a missing length means a
   * single host (/32 or /128).
   */
  public static IpPrefix parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty IP prefix");
    }
    String s = text.strip();
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    InetAddress address = parseNumericAddress(addr);
    int max = address instanceof Inet4Address ? 32 : 128;
    int length = max;
    if (slash >= 0) {
      String len = s.substring(slash + 1);
      if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("bad prefix length in '" + text + "'");
      }
      length = Integer.parseInt(len);
      if (length > max) {
        throw new IllegalArgumentException("prefix length " + length + " too long in '" + text + "'");
      }
    }
    return new IpPrefix(address, length);
  }

  /**
   * Parses a numeric IPv4 dotted quad or IPv6 address (optionally in brackets); never resolves host names.
   */
  public static InetAddress parseNumericAddress(String text) {
    String s = text.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty IP address");
    }
    boolean v6 = s.indexOf(':') >= 0;
    if (!v6) {
      String[] parts = s.split("\\.", -1);
      if (parts.length != 4) {
        throw new IllegalArgumentException("not an IP address: '" + text + "'");
      }
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        String p = parts[i];
        if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
          throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
        int v = Integer.parseInt(p);
        if (v > 255) {
          throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
        b[i] = (byte) v;
      }
      try {
        return InetAddress.getByAddress(b);
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    if (!s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
      throw new IllegalArgumentException("not an IP address: '" + text + "'");
    }
    try {
      // With only hex digits, ':' and '.', InetAddress parses literally and never does a lookup.
      InetAddress a = InetAddress.getByName(s);
      if (!(a instanceof Inet6Address) && !(a instanceof Inet4Address)) {
        throw new IllegalArgumentException("not an IP address: '" + text + "'");
      }
      if (a instanceof Inet4Address) {
        // An IPv4-mapped IPv6 literal; keep it as IPv6 the way the kernel does.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(a.getAddress(), 0, mapped, 12, 4);
        return Inet6Address.getByAddress(null, mapped, null);
      }
      return a;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: '" + text + "'");
    }
  }

  /** Whether this is an IPv4 prefix. */
  public boolean isIpv4() {
    return address instanceof Inet4Address;
  }

  /** The same prefix with all host bits cleared. */
  public IpPrefix masked() {
    byte[] b = address.getAddress();
    for (int i = 0; i < b.length; i++) {
      int bitsHere = Math.max(0, Math.min(8, length - 8 * i));
      b[i] &= (byte) (0xff << (8 - bitsHere));
    }
    try {
      return new IpPrefix(InetAddress.getByAddress(b), length);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return format(address) + "/" + length;
  }

  /**
   * The canonical text of an address: dotted quad for IPv4, RFC 5952 for IPv6 (lowercase, leading zeros dropped,
   * the longest run of two or more zero groups shown as {@code ::}), as {@code ip} and {@code wg} print them.
   */
  public static String format(InetAddress address) {
    if (address instanceof Inet4Address) {
      return address.getHostAddress();
    }
    byte[] b = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder text = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }
}
