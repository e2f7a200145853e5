package io.portcullis.core.domain.model.network;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address as a number of 32 or 128 bits; parses literals only (never a DNS lookup) and prints
 * IPv6 in the RFC 5952 canonical form (https://www.rfc-editor.org/rfc/rfc5952#section-4).
 */
public final class IpAddress implements Comparable<IpAddress> {

  public static final int IPV4_BITS = 32;
  public static final int IPV6_BITS = 128;

  private final BigInteger value;
  private final int bits;

  private IpAddress(BigInteger value, int bits) {
    if (bits != IPV4_BITS && bits != IPV6_BITS) {
      throw new IllegalArgumentException("an address has 32 or 128 bits, not " + bits);
    }
    if (value.signum() < 0 || value.bitLength() > bits) {
      throw new IllegalArgumentException("value out of range for a " + bits + "-bit address");
    }
    this.value = value;
    this.bits = bits;
  }

  /** The address with the given numeric value. */
  public static IpAddress of(BigInteger value, int bits) {
    return new IpAddress(value, bits);
  }

  /** Parses a dotted-quad IPv4 or a colon-hex IPv6 literal. */
  public static IpAddress parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.indexOf(':') >= 0) {
      return new IpAddress(parseV6(text), IPV6_BITS);
    }
    return new IpAddress(BigInteger.valueOf(parseV4(text)), IPV4_BITS);
  }

  private static long parseV4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an IP address: " + text);
    }
    long result = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
          || (part.length() > 1 && part.charAt(0) == '0')) {
        throw new IllegalArgumentException("not an IP address: " + text);
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        throw new IllegalArgumentException("not an IP address: " + text);
      }
      result = (result << 8) | octet;
    }
    return result;
  }

  private static BigInteger parseV6(String text) {
    String body = text;
    long embeddedV4 = -1;
    int lastColon = body.lastIndexOf(':');
    if (body.indexOf('.', lastColon) > 0) {
      embeddedV4 = parseV4(body.substring(lastColon + 1));
      body = body.substring(0, lastColon + 1) + "0:0";
    }
    int doubleColon = body.indexOf("::");
    if (doubleColon >= 0 && body.indexOf("::", doubleColon + 1) >= 0) {
      throw new IllegalArgumentException("not an IPv6 address (two '::'): " + text);
    }
    String[] head = groups(doubleColon >= 0 ? body.substring(0, doubleColon) : body, text);
    String[] tail = doubleColon >= 0 ? groups(body.substring(doubleColon + 2), text) : new String[0];
    int missing = 8 - head.length - tail.length;
    if ((doubleColon >= 0 && missing < 1) || (doubleColon < 0 && missing != 0)) {
      throw new IllegalArgumentException("not an IPv6 address (wrong number of groups): " + text);
    }
    BigInteger result = BigInteger.ZERO;
    for (String group : head) {
      result = result.shiftLeft(16).or(BigInteger.valueOf(hexGroup(group, text)));
    }
    result = result.shiftLeft(16 * missing);
    for (String group : tail) {
      result = result.shiftLeft(16).or(BigInteger.valueOf(hexGroup(group, text)));
    }
    if (embeddedV4 >= 0) {
      result = result.shiftRight(32).shiftLeft(32).or(BigInteger.valueOf(embeddedV4));
    }
    return result;
  }

  private static String[] groups(String part, String text) {
    if (part.isEmpty()) {
      return new String[0];
    }
    String[] groups = part.split(":", -1);
    for (String group : groups) {
      if (group.isEmpty()) {
        throw new IllegalArgumentException("not an IPv6 address (empty group): " + text);
      }
    }
    return groups;
  }

  private static int hexGroup(String group, String text) {
    if (group.length() > 4 || !group.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("not an IPv6 address (bad group '" + group + "'): " + text);
    }
    return Integer.parseInt(group, 16);
  }

  public BigInteger value() {
    return value;
  }

  /** 32 for IPv4, 128 for IPv6. */
  public int bits() {
    return bits;
  }

  public boolean isV4() {
    return bits == IPV4_BITS;
  }

  /** The address {@code delta} further on; fails if that leaves the address space. */
  public IpAddress plus(long delta) {
    return new IpAddress(value.add(BigInteger.valueOf(delta)), bits);
  }

  @Override
  public int compareTo(IpAddress other) {
    int byFamily = Integer.compare(bits, other.bits);
    return byFamily != 0 ? byFamily : value.compareTo(other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress other && bits == other.bits && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode() * 31 + bits;
  }

  @Override
  public String toString() {
    return isV4() ? formatV4() : formatV6();
  }

  private String formatV4() {
    long v = value.longValue();
    return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
  }

  private String formatV6() {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = value.shiftRight(16 * (7 - i)).intValue() & 0xffff;
    }
    // RFC 5952 4.2: shorten the longest run (the first if tied) of two or more zero groups to "::".
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
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }
}
