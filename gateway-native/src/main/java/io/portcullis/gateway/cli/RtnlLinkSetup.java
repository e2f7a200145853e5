package io.portcullis.gateway.cli;

import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.netlink.NetlinkException;
import io.portcullis.gateway.netlink.rtnl.RouteNetlink;
import io.portcullis.gateway.sys.Errno;
import java.io.IOException;
import java.util.List;

/**
 * {@link LinkSetup} over rtnetlink ({@link RouteNetlink}), in the network namespace of the calling thread. Each
 * call opens and closes its own socket: {@code up} makes a handful of calls once.
 */
final class RtnlLinkSetup implements LinkSetup {
  private static final System.Logger LOG = System.getLogger(RtnlLinkSetup.class.getName());

  @Override
  public void setMtu(String iface, int mtu) throws IOException {
    try (RouteNetlink rtnl = RouteNetlink.open()) {
      rtnl.setMtu(rtnl.linkIndex(iface), mtu);
    }
  }

  @Override
  public void addAddress(String iface, IpPrefix prefix) throws IOException {
    try (RouteNetlink rtnl = RouteNetlink.open()) {
      rtnl.addAddress(rtnl.linkIndex(iface), prefix);
    }
    System.out.println("[#] ip address add " + prefix + " dev " + iface);
  }

  @Override
  public void setUp(String iface) throws IOException {
    try (RouteNetlink rtnl = RouteNetlink.open()) {
      rtnl.setUp(rtnl.linkIndex(iface));
    }
  }

  /** Adds each route; one that exists already (say, the connected route of an Address) is left as it is. */
  @Override
  public void addRoutes(String iface, List<IpPrefix> destinations, int table) throws IOException {
    try (RouteNetlink rtnl = RouteNetlink.open()) {
      int index = rtnl.linkIndex(iface);
      for (IpPrefix d : destinations) {
        try {
          rtnl.addRoute(index, d, table);
          System.out.println("[#] ip route add " + d + " dev " + iface + " table " + table);
        } catch (NetlinkException e) {
          if (e.errno() != Errno.EEXIST) {
            throw e;
          }
          LOG.log(System.Logger.Level.DEBUG, "route {0} exists already", d);
        }
      }
    }
  }
}
