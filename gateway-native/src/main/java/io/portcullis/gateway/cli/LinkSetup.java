package io.portcullis.gateway.cli;

import io.portcullis.gateway.model.IpPrefix;
import java.io.IOException;
import java.util.List;

/**
 * What wg-quick does with ip(8) once the interface exists: MTU, addresses, link up, and a route for each allowed
 * IP. Routes and addresses go away with the interface, so there is no undo.
 */
public interface LinkSetup {

  /** Sets the MTU of {@code iface}. */
  void setMtu(String iface, int mtu) throws IOException;

  /** Adds {@code prefix} (host bits kept: {@code 10.0.0.1/24}) to {@code iface}. */
  void addAddress(String iface, IpPrefix prefix) throws IOException;

  /** Brings {@code iface} up. */
  void setUp(String iface) throws IOException;

  /** Routes {@code destinations} through {@code iface} in routing table {@code table} (254 is main). */
  void addRoutes(String iface, List<IpPrefix> destinations, int table) throws IOException;
}
