package io.portcullis.gateway.control;

import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.netlink.rtnl.Address;
import io.portcullis.gateway.netlink.rtnl.RouteNetlink;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link InterfaceSetup} over rtnetlink: sets the MTU, adds the missing addresses and removes the ones the core
 * no longer lists (IPv6 link-local addresses are the kernel's and stay), then sets the link up. Each address
 * brings the route to its pool, which is all the gateway needs to reach its peers. Called from the control
 * client's delivery thread only.
 */
final class RtnlInterfaceSetup implements InterfaceSetup {
  private static final Logger LOG = System.getLogger(RtnlInterfaceSetup.class.getName());

  @Override
  public void apply(String interfaceName, List<IpPrefix> addresses, int mtu) throws IOException {
    try (RouteNetlink rtnl = RouteNetlink.open()) {
      int index = rtnl.linkIndex(interfaceName);
      rtnl.setMtu(index, mtu);
      Set<IpPrefix> present = new HashSet<>();
      for (Address a : rtnl.listAddresses(index)) {
        present.add(a.prefix());
      }
      for (IpPrefix have : present) {
        if (!addresses.contains(have) && !have.address().isLinkLocalAddress()) {
          rtnl.removeAddress(index, have);
          LOG.log(Level.INFO, "{0}: address {1} removed", interfaceName, have);
        }
      }
      for (IpPrefix want : addresses) {
        if (!present.contains(want)) {
          rtnl.addAddress(index, want);
          LOG.log(Level.INFO, "{0}: address {1} added", interfaceName, want);
        }
      }
      rtnl.setUp(index);
    }
  }
}
