package io.portcullis.gateway.control;

import io.portcullis.gateway.model.IpPrefix;
import java.io.IOException;
import java.util.List;

/**
 * Applies what WireGuard itself does not carry to the interface: its addresses and MTU (and, in a full setup,
 * routes), the part wg-quick does with {@code ip}. Implemented over rtnetlink.
 */
public interface InterfaceSetup {

  /** Makes the interface's addresses exactly {@code addresses} and its MTU {@code mtu}, and sets it up. */
  void apply(String interfaceName, List<IpPrefix> addresses, int mtu) throws IOException;

  /** Does nothing: for tests and for interfaces configured by other means. */
  InterfaceSetup NONE = (name, addresses, mtu) -> {};
}
