package io.portcullis.gateway.netlink.rtnl;

import static io.portcullis.gateway.netlink.NetlinkUapi.NLM_F_CREATE;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLM_F_EXCL;
import static io.portcullis.gateway.netlink.rtnl.RtnetlinkUapi.*;

import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.netlink.NetlinkAttributes;
import io.portcullis.gateway.netlink.NetlinkException;
import io.portcullis.gateway.netlink.NetlinkMessage;
import io.portcullis.gateway.netlink.NetlinkMessageWriter;
import io.portcullis.gateway.netlink.NetlinkSocket;
import io.portcullis.gateway.netlink.NetlinkUapi;
import io.portcullis.gateway.sys.Errno;
import io.portcullis.gateway.sys.SocketCalls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What wg-quick does with {@code ip}, spoken directly as rtnetlink: create and delete links, set MTU and link
 * state, add and remove addresses and routes, list links and addresses.
 *
 * <p>Works in the network namespace of the thread that {@linkplain #open() opened} it. Thread-safe (requests are
 * serialized on the socket). Every refusal is a {@link NetlinkException} with the errno name and the kernel's
 * extended-ack text.
 */
public final class RouteNetlink implements AutoCloseable {
  private final NetlinkSocket socket;

  private RouteNetlink(NetlinkSocket socket) {
    this.socket = socket;
  }

  /** Opens an rtnetlink socket in the calling thread's network namespace. */
  public static RouteNetlink open() throws IOException {
    return new RouteNetlink(NetlinkSocket.open(NetlinkUapi.NETLINK_ROUTE));
  }

  /** The ifindex of {@code name}; ENODEV as a {@link NetlinkException} when there is none. */
  public int linkIndex(String name) throws IOException {
    return link(name).index();
  }

  /** The link called {@code name}; ENODEV as a {@link NetlinkException} when there is none. */
  public Link link(String name) throws IOException {
    List<Link> found = new ArrayList<>(1);
    socket.execute(
        "RTM_GETLINK(" + name + ")",
        RTM_GETLINK,
        0,
        w -> {
          ifinfomsg(w, SocketCalls.AF_UNSPEC, 0, 0, 0);
          w.putString(IFLA_IFNAME, name);
        },
        m -> found.add(parseLink(m)));
    if (found.isEmpty()) {
      throw new NetlinkException("RTM_GETLINK(" + name + ")", Errno.ENODEV, "no reply", -1);
    }
    return found.get(0);
  }

  /** The link called {@code name}, or empty when there is none. */
  public Optional<Link> findLink(String name) throws IOException {
    try {
      return Optional.of(link(name));
    } catch (NetlinkException e) {
      if (e.errno() == Errno.ENODEV) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Creates a link of {@code kind} (e.g. {@code wireguard}, {@code bridge}); EEXIST when the name is taken. */
  public void createLink(String name, String kind) throws IOException {
    socket.execute(
        "RTM_NEWLINK(" + name + " type " + kind + ")",
        RTM_NEWLINK,
        NLM_F_CREATE | NLM_F_EXCL,
        w -> {
          ifinfomsg(w, SocketCalls.AF_UNSPEC, 0, 0, 0);
          w.putString(IFLA_IFNAME, name);
          int info = w.nestStart(IFLA_LINKINFO);
          w.putString(IFLA_INFO_KIND, kind);
          w.nestEnd(info);
        },
        null);
  }

  /** Creates a veth pair {@code name} and {@code peer} (the peer's ifinfomsg nests in IFLA_INFO_DATA). */
  public void createVethPair(String name, String peer) throws IOException {
    socket.execute(
        "RTM_NEWLINK(" + name + " type veth peer " + peer + ")",
        RTM_NEWLINK,
        NLM_F_CREATE | NLM_F_EXCL,
        w -> {
          ifinfomsg(w, SocketCalls.AF_UNSPEC, 0, 0, 0);
          w.putString(IFLA_IFNAME, name);
          int info = w.nestStart(IFLA_LINKINFO);
          w.putString(IFLA_INFO_KIND, "veth");
          int data = w.nestStart(IFLA_INFO_DATA);
          int peerInfo = w.nestStart(VETH_INFO_PEER);
          ifinfomsg(w, SocketCalls.AF_UNSPEC, 0, 0, 0);
          w.putString(IFLA_IFNAME, peer);
          w.nestEnd(peerInfo);
          w.nestEnd(data);
          w.nestEnd(info);
        },
        null);
  }

  /** Deletes the link with {@code index}. */
  public void deleteLink(int index) throws IOException {
    socket.execute(
        "RTM_DELLINK(" + index + ")", RTM_DELLINK, 0, w -> ifinfomsg(w, SocketCalls.AF_UNSPEC, index, 0, 0), null);
  }

  /** Sets the MTU of the link with {@code index}. */
  public void setMtu(int index, int mtu) throws IOException {
    socket.execute(
        "RTM_NEWLINK(" + index + " mtu " + mtu + ")",
        RTM_NEWLINK,
        0,
        w -> {
          ifinfomsg(w, SocketCalls.AF_UNSPEC, index, 0, 0);
          w.putU32(IFLA_MTU, mtu);
        },
        null);
  }

  /** Sets the link administratively up. */
  public void setUp(int index) throws IOException {
    setFlags(index, IFF_UP, IFF_UP, "up");
  }

  /** Sets the link administratively down. */
  public void setDown(int index) throws IOException {
    setFlags(index, 0, IFF_UP, "down");
  }

  private void setFlags(int index, int flags, int change, String what) throws IOException {
    socket.execute(
        "RTM_NEWLINK(" + index + " " + what + ")",
        RTM_NEWLINK,
        0,
        w -> ifinfomsg(w, SocketCalls.AF_UNSPEC, index, flags, change),
        null);
  }

  /** Adds {@code prefix} (address and prefix length) to the link; EEXIST when it is there already. */
  public void addAddress(int index, IpPrefix prefix) throws IOException {
    address(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, index, prefix);
  }

  /** Removes {@code prefix} from the link; EADDRNOTAVAIL when it is not there. */
  public void removeAddress(int index, IpPrefix prefix) throws IOException {
    address(RTM_DELADDR, 0, index, prefix);
  }

  private void address(int type, int flags, int index, IpPrefix prefix) throws IOException {
    byte[] raw = prefix.address().getAddress();
    socket.execute(
        (type == RTM_NEWADDR ? "RTM_NEWADDR(" : "RTM_DELADDR(") + index + " " + prefix + ")",
        type,
        flags,
        w -> {
          int h = w.putStruct(IFADDRMSG_SIZE);
          w.setU8(h + IFA_FAMILY_OFFSET, family(prefix));
          w.setU8(h + IFA_PREFIXLEN_OFFSET, prefix.length());
          w.setU32(h + IFA_INDEX_OFFSET, index);
          w.putBytes(IFA_LOCAL, raw);
          w.putBytes(IFA_ADDRESS, raw);
        },
        null);
  }

  /**
   * Routes {@code destination} out of the link {@code index} in routing {@code table} ({@link
   * RtnetlinkUapi#RT_TABLE_MAIN} for the main table), as {@code ip route add DEST dev IF table T} does.
   */
  public void addRoute(int index, IpPrefix destination, int table) throws IOException {
    route(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, index, destination, table);
  }

  /** Removes a route added by {@link #addRoute}; ESRCH when there is none. */
  public void removeRoute(int index, IpPrefix destination, int table) throws IOException {
    route(RTM_DELROUTE, 0, index, destination, table);
  }

  private void route(int type, int flags, int index, IpPrefix destination, int table) throws IOException {
    IpPrefix dst = destination.masked();
    boolean add = type == RTM_NEWROUTE;
    socket.execute(
        (add ? "RTM_NEWROUTE(" : "RTM_DELROUTE(") + dst + " dev " + index + " table " + table + ")",
        type,
        flags,
        w -> {
          int h = w.putStruct(RTMSG_SIZE);
          w.setU8(h + RTM_FAMILY_OFFSET, family(dst));
          w.setU8(h + RTM_DST_LEN_OFFSET, dst.length());
          w.setU8(h + RTM_TABLE_OFFSET, table < 256 ? table : RT_TABLE_UNSPEC);
          if (add) {
            w.setU8(h + RTM_PROTOCOL_OFFSET, RTPROT_BOOT);
            // A route without a gateway reaches hosts on the link; IPv6 keeps the universe scope.
            w.setU8(h + RTM_SCOPE_OFFSET, dst.isIpv4() ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE);
            w.setU8(h + RTM_TYPE_OFFSET, RTN_UNICAST);
          } else {
            w.setU8(h + RTM_SCOPE_OFFSET, RT_SCOPE_NOWHERE);
          }
          if (dst.length() > 0) {
            w.putBytes(RTA_DST, dst.address().getAddress());
          }
          w.putU32(RTA_OIF, index);
          w.putU32(RTA_TABLE, table);
        },
        null);
  }

  /** Every link in the namespace. */
  public List<Link> listLinks() throws IOException {
    List<Link> links = new ArrayList<>();
    socket.dump(
        "RTM_GETLINK(dump)",
        RTM_GETLINK,
        w -> ifinfomsg(w, SocketCalls.AF_UNSPEC, 0, 0, 0),
        m -> {
          if (m.type() == RTM_NEWLINK) {
            links.add(parseLink(m));
          }
        });
    return links;
  }

  /** Every IPv4 and IPv6 address of the link {@code index}, or of all links when {@code index} is 0. */
  public List<Address> listAddresses(int index) throws IOException {
    List<Address> addresses = new ArrayList<>();
    socket.dump(
        "RTM_GETADDR(dump)",
        RTM_GETADDR,
        w -> w.putStruct(IFADDRMSG_SIZE),
        m -> {
          if (m.type() != RTM_NEWADDR) {
            return;
          }
          int family = m.payloadU8(IFA_FAMILY_OFFSET);
          int length = m.payloadU8(IFA_PREFIXLEN_OFFSET);
          int ifindex = m.payloadU32(IFA_INDEX_OFFSET);
          if (index != 0 && ifindex != index) {
            return;
          }
          byte[] local = null;
          byte[] address = null;
          NetlinkAttributes a = m.attributes(IFADDRMSG_SIZE);
          while (a.next()) {
            if (a.type() == IFA_LOCAL) {
              local = a.bytes();
            } else if (a.type() == IFA_ADDRESS) {
              address = a.bytes();
            }
          }
          byte[] raw = local != null ? local : address;
          int expected = family == SocketCalls.AF_INET ? 4 : family == SocketCalls.AF_INET6 ? 16 : -1;
          if (raw != null && raw.length == expected) {
            addresses.add(new Address(ifindex, new IpPrefix(inet(raw), length)));
          }
        });
    return addresses;
  }

  private static Link parseLink(NetlinkMessage m) throws IOException {
    int index = m.payloadU32(IFI_INDEX_OFFSET);
    int flags = m.payloadU32(IFI_FLAGS_OFFSET);
    String name = "";
    int mtu = 0;
    String kind = null;
    NetlinkAttributes a = m.attributes(IFINFOMSG_SIZE);
    while (a.next()) {
      switch (a.type()) {
        case IFLA_IFNAME -> name = a.string();
        case IFLA_MTU -> mtu = a.u32();
        case IFLA_LINKINFO -> {
          NetlinkAttributes info = a.nested();
          while (info.next()) {
            if (info.type() == IFLA_INFO_KIND) {
              kind = info.string();
            }
          }
        }
        default -> {}
      }
    }
    return new Link(index, name, mtu, flags, Optional.ofNullable(kind));
  }

  private static void ifinfomsg(NetlinkMessageWriter w, int family, int index, int flags, int change) {
    int h = w.putStruct(IFINFOMSG_SIZE);
    w.setU8(h + IFI_FAMILY_OFFSET, family);
    w.setU32(h + IFI_INDEX_OFFSET, index);
    w.setU32(h + IFI_FLAGS_OFFSET, flags);
    w.setU32(h + IFI_CHANGE_OFFSET, change);
  }

  private static int family(IpPrefix prefix) {
    return prefix.isIpv4() ? SocketCalls.AF_INET : SocketCalls.AF_INET6;
  }

  private static InetAddress inet(byte[] raw) {
    try {
      return InetAddress.getByAddress(raw);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
