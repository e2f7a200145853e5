package io.portcullis.core.domain.service;

import io.portcullis.core.domain.model.network.Cidr;
import io.portcullis.core.domain.model.network.IpAddress;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;

/**
 * Picks device addresses from a location's pool: the lowest address that is not the network address, not the
 * IPv4 broadcast address, not the gateway's own address and not taken. Pure; the caller serializes
 * allocations per location and the database's unique key catches anything that slips through.
 */
public final class AddressAllocator {

  private AddressAllocator() {}

  /**
   * The lowest free device address of {@code pool}, or empty if the pool is full.
   *
   * @param gatewayInterface the gateway's interface address with the pool's prefix, e.g. {@code 10.0.0.1/24}
   * @param taken addresses already assigned in this pool
   */
  public static Optional<IpAddress> lowestFree(Cidr gatewayInterface, Set<IpAddress> taken) {
    IpAddress gateway = gatewayInterface.address();
    BigInteger candidate = firstUsable(gatewayInterface);
    BigInteger last = lastUsable(gatewayInterface);
    // At most |taken| + 1 steps: every skipped candidate is taken or the gateway.
    while (candidate.compareTo(last) <= 0) {
      IpAddress address = IpAddress.of(candidate, gateway.bits());
      if (!address.equals(gateway) && !taken.contains(address)) {
        return Optional.of(address);
      }
      candidate = candidate.add(BigInteger.ONE);
    }
    return Optional.empty();
  }

  /** Whether {@code address} is one a device may hold in the pool of {@code gatewayInterface}. */
  public static boolean isAssignable(Cidr gatewayInterface, IpAddress address) {
    return gatewayInterface.contains(address)
        && !address.equals(gatewayInterface.address())
        && address.value().compareTo(firstUsable(gatewayInterface)) >= 0
        && address.value().compareTo(lastUsable(gatewayInterface)) <= 0;
  }

  /** How many device addresses the pool offers in total (without the gateway's). */
  public static BigInteger capacity(Cidr gatewayInterface) {
    BigInteger usable = lastUsable(gatewayInterface).subtract(firstUsable(gatewayInterface)).add(BigInteger.ONE);
    if (usable.signum() <= 0) {
      return BigInteger.ZERO;
    }
    return isAssignableGateway(gatewayInterface) ? usable.subtract(BigInteger.ONE) : usable;
  }

  /** Whether the gateway's own address lies among the usable addresses (it must, for a valid location). */
  public static boolean isAssignableGateway(Cidr gatewayInterface) {
    BigInteger value = gatewayInterface.address().value();
    return value.compareTo(firstUsable(gatewayInterface)) >= 0 && value.compareTo(lastUsable(gatewayInterface)) <= 0;
  }

  private static BigInteger firstUsable(Cidr pool) {
    return pool.networkAddress().value().add(BigInteger.ONE);
  }

  private static BigInteger lastUsable(Cidr pool) {
    BigInteger last = pool.lastAddress().value();
    return pool.isV4() ? last.subtract(BigInteger.ONE) : last;
  }
}
