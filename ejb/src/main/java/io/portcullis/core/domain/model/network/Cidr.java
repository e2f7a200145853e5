package io.portcullis.core.domain.model.network;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An address with a prefix length, such as {@code 10.10.0.1/24}: either a network ({@code 10.10.0.0/24}) or
 * an interface address whose host part matters. Compares by address and prefix.
 */
public record Cidr(IpAddress address, int prefixLength) {

  public Cidr {
    Objects.requireNonNull(address, "address");
    if (prefixLength < 0 || prefixLength > address.bits()) {
      throw new IllegalArgumentException(
          "prefix length must be between 0 and " + address.bits() + ", not " + prefixLength);
    }
  }

  /** Parses {@code address/prefix}; the prefix is mandatory. */
  public static Cidr parse(String text) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not in CIDR notation (address/prefix): " + text);
    }
    IpAddress address;
    try {
      address = IpAddress.parse(text.substring(0, slash).trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not in CIDR notation: " + e.getMessage(), e);
    }
    String prefix = text.substring(slash + 1).trim();
    if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("not in CIDR notation (bad prefix length): " + text);
    }
    return new Cidr(address, Integer.parseInt(prefix));
  }

  /** The single-address prefix of {@code address}: /32 or /128. */
  public static Cidr host(IpAddress address) {
    return new Cidr(address, address.bits());
  }

  public boolean isV4() {
    return address.isV4();
  }

  /** The number of host bits. */
  public int hostBits() {
    return address.bits() - prefixLength;
  }

  /** The number of addresses covered, 2^hostBits. */
  public BigInteger size() {
    return BigInteger.ONE.shiftLeft(hostBits());
  }

  private BigInteger hostMask() {
    return BigInteger.ONE.shiftLeft(hostBits()).subtract(BigInteger.ONE);
  }

  /** The first address of the range (all host bits zero). */
  public IpAddress networkAddress() {
    return IpAddress.of(address.value().andNot(hostMask()), address.bits());
  }

  /** The last address of the range (all host bits one); the broadcast address for IPv4. */
  public IpAddress lastAddress() {
    return IpAddress.of(address.value().or(hostMask()), address.bits());
  }

  /** This prefix with the host bits cleared, e.g. {@code 10.10.0.0/24} for {@code 10.10.0.1/24}. */
  public Cidr network() {
    return new Cidr(networkAddress(), prefixLength);
  }

  /** Whether the address part has no host bits set. */
  public boolean isNetwork() {
    return address.equals(networkAddress());
  }

  public boolean contains(IpAddress candidate) {
    return candidate.bits() == address.bits()
        && candidate.value().andNot(hostMask()).equals(networkAddress().value());
  }

  /** Whether the two ranges share at least one address. */
  public boolean overlaps(Cidr other) {
    if (other.address.bits() != address.bits()) {
      return false;
    }
    Cidr wider = prefixLength <= other.prefixLength ? this : other;
    Cidr narrower = wider == this ? other : this;
    return wider.contains(narrower.address);
  }

  @Override
  public String toString() {
    return address + "/" + prefixLength;
  }
}
