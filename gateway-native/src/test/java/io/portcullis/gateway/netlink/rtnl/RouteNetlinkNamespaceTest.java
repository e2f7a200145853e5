package io.portcullis.gateway.netlink.rtnl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.netlink.NetlinkException;
import io.portcullis.gateway.sys.Errno;
import io.portcullis.gateway.sys.NetworkNamespace;
import io.portcullis.gateway.tun.TunDevice;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** rtnetlink against the running kernel, inside a namespace of our own, checked with {@code ip -j}. */
class RouteNetlinkNamespaceTest {
  private NetworkNamespace ns;

  @BeforeEach
  void createNamespace() throws Exception {
    ns = NetworkNamespace.create("rtnl");
  }

  @AfterEach
  void deleteNamespace() throws Exception {
    if (ns != null) {
      ns.close();
    }
  }

  @Test
  void vethPairMtuStateAddressesAndRoutes() throws Exception {
    ns.run(
        () -> {
          try (RouteNetlink rtnl = RouteNetlink.open()) {
            rtnl.createVethPair("pcv0", "pcv1");
            int index = rtnl.linkIndex("pcv0");
            rtnl.setMtu(index, 1420);
            rtnl.setUp(index);
            rtnl.setUp(rtnl.linkIndex("pcv1"));
            rtnl.addAddress(index, IpPrefix.parse("10.77.0.1/24"));
            rtnl.addAddress(index, IpPrefix.parse("fd77::1/64"));
            rtnl.addRoute(index, IpPrefix.parse("10.78.0.0/16"), RtnetlinkUapi.RT_TABLE_MAIN);
            rtnl.addRoute(index, IpPrefix.parse("10.79.1.2/32"), 51820);
            rtnl.addRoute(index, IpPrefix.parse("fd78::/48"), RtnetlinkUapi.RT_TABLE_MAIN);
            rtnl.addRoute(index, IpPrefix.parse("0.0.0.0/0"), 51820);
          }
          return null;
        });

    Map<String, Object> link = single(ns.ipJson("link", "show", "dev", "pcv0"));
    assertThat(link.get("mtu")).isEqualTo(1420L);
    assertThat(strings(link.get("flags"))).contains("UP");
    Map<String, Object> linkInfo = single(ns.ipJson("-d", "link", "show", "dev", "pcv0"));
    assertThat(((Map<?, ?>) linkInfo.get("linkinfo")).get("info_kind")).isEqualTo("veth");

    Set<String> addresses = addresses("pcv0");
    assertThat(addresses).contains("10.77.0.1/24", "fd77::1/64");

    Set<String> main = routes("route", "show", "dev", "pcv0");
    assertThat(main).contains("10.78.0.0/16", "10.77.0.0/24");
    assertThat(routes("-6", "route", "show", "dev", "pcv0")).contains("fd78::/48");
    assertThat(routes("route", "show", "table", "51820")).containsExactlyInAnyOrder("10.79.1.2", "default");

    // What we read back through our own dumps agrees with ip.
    ns.run(
        () -> {
          try (RouteNetlink rtnl = RouteNetlink.open()) {
            int index = rtnl.linkIndex("pcv0");
            Link l = rtnl.link("pcv0");
            assertThat(l.mtu()).isEqualTo(1420);
            assertThat(l.isUp()).isTrue();
            assertThat(l.kind()).contains("veth");
            assertThat(rtnl.listLinks().stream().map(Link::name)).contains("lo", "pcv0", "pcv1");
            assertThat(rtnl.listAddresses(index).stream().map(Address::prefix))
                .contains(IpPrefix.parse("10.77.0.1/24"), IpPrefix.parse("fd77::1/64"));

            rtnl.removeRoute(index, IpPrefix.parse("10.79.1.2/32"), 51820);
            rtnl.removeRoute(index, IpPrefix.parse("fd78::/48"), RtnetlinkUapi.RT_TABLE_MAIN);
          }
          return null;
        });
    assertThat(routes("route", "show", "table", "51820")).containsExactly("default");
    assertThat(routes("-6", "route", "show", "dev", "pcv0")).doesNotContain("fd78::/48");
    ns.run(
        () -> {
          try (RouteNetlink rtnl = RouteNetlink.open()) {
            int index = rtnl.linkIndex("pcv0");
            rtnl.removeAddress(index, IpPrefix.parse("10.77.0.1/24"));
            assertThatThrownBy(() -> rtnl.removeAddress(index, IpPrefix.parse("10.77.0.1/24")))
                .isInstanceOf(NetlinkException.class)
                .hasMessageContaining("EADDRNOTAVAIL");
            rtnl.setDown(index);
          }
          return null;
        });
    // IPv6 addresses go with the link state (no keep_addr_on_down); the IPv4 one was removed by us.
    assertThat(addresses("pcv0")).isEmpty();
    // The kernel flushes IPv4 routes through a link that lost its last IPv4 address or went down.
    assertThat(routes("route", "show", "table", "51820")).isEmpty();
    assertThat(strings(single(ns.ipJson("link", "show", "dev", "pcv0")).get("flags"))).doesNotContain("UP");

    ns.run(
        () -> {
          try (RouteNetlink rtnl = RouteNetlink.open()) {
            rtnl.deleteLink(rtnl.linkIndex("pcv0"));
            assertThat(rtnl.findLink("pcv0")).isEmpty();
            assertThat(rtnl.findLink("pcv1")).isEmpty();
          }
          return null;
        });
    assertThat(linkNames()).containsExactly("lo");
  }

  @Test
  void refusalsCarryTheErrnoNameAndTheKernelsText() throws Exception {
    ns.run(
        () -> {
          try (RouteNetlink rtnl = RouteNetlink.open()) {
            assertThatThrownBy(() -> rtnl.linkIndex("pc-missing0"))
                .isInstanceOf(NetlinkException.class)
                .satisfies(e -> assertThat(((NetlinkException) e).errno()).isEqualTo(Errno.ENODEV))
                .hasMessageStartingWith("RTM_GETLINK(pc-missing0): ENODEV (No such device)");
            rtnl.createLink("pcb0", "bridge");
            assertThatThrownBy(() -> rtnl.createLink("pcb0", "bridge"))
                .isInstanceOf(NetlinkException.class)
                .hasMessageContaining("EEXIST");
            // This kernel has no wireguard module: the kind is unknown, and the kernel says so in the ext-ack.
            List<String> kinds = List.of("wireguard", "pc-no-such-kind");
            for (String kind : kinds) {
              try {
                rtnl.createLink("pck0", kind);
                assertThat(kind).as("only a loaded module can create " + kind).isEqualTo("wireguard");
                rtnl.deleteLink(rtnl.linkIndex("pck0"));
              } catch (NetlinkException e) {
                assertThat(e.errnoName()).isEqualTo("EOPNOTSUPP");
                assertThat(e.extendedAck()).contains("Unknown device type");
                assertThat(e).hasMessage(
                    "RTM_NEWLINK(pck0 type " + kind + "): EOPNOTSUPP (Operation not supported): Unknown device type");
              }
            }
          }
          return null;
        });
  }

  @Test
  void dummyWhereTheKernelHasIt() throws Exception {
    boolean created =
        ns.run(
            () -> {
              try (RouteNetlink rtnl = RouteNetlink.open()) {
                try {
                  rtnl.createLink("pcd0", "dummy");
                } catch (NetlinkException e) {
                  // Kernels built without CONFIG_DUMMY (like this CI host's) refuse cleanly.
                  assertThat(e.errnoName()).isEqualTo("EOPNOTSUPP");
                  assertThat(e.extendedAck()).contains("Unknown device type");
                  return false;
                }
                int index = rtnl.linkIndex("pcd0");
                rtnl.setMtu(index, 1280);
                rtnl.addAddress(index, IpPrefix.parse("192.0.2.1/32"));
                return true;
              }
            });
    if (created) {
      assertThat(single(ns.ipJson("link", "show", "dev", "pcd0")).get("mtu")).isEqualTo(1280L);
      assertThat(addresses("pcd0")).contains("192.0.2.1/32");
    }
  }

  @Test
  void tunDeviceConfiguredLikeWgQuickDoes() throws Exception {
    ns.run(
        () -> {
          try (TunDevice tun = TunDevice.open("pct%d");
              RouteNetlink rtnl = RouteNetlink.open()) {
            assertThat(tun.name()).isEqualTo("pct0");
            int index = rtnl.linkIndex(tun.name());
            rtnl.setMtu(index, 1420);
            rtnl.addAddress(index, IpPrefix.parse("10.66.0.1/24"));
            rtnl.addAddress(index, IpPrefix.parse("fd66::1/64"));
            rtnl.setUp(index);
            rtnl.addRoute(index, IpPrefix.parse("10.67.0.0/24"), RtnetlinkUapi.RT_TABLE_MAIN);
            Map<String, Object> link = single(ns.ipJson("-d", "link", "show", "dev", "pct0"));
            assertThat(link.get("mtu")).isEqualTo(1420L);
            assertThat(((Map<?, ?>) link.get("linkinfo")).get("info_kind")).isEqualTo("tun");
            assertThat(addresses("pct0")).contains("10.66.0.1/24", "fd66::1/64");
            assertThat(routes("route", "show", "dev", "pct0")).contains("10.67.0.0/24");
          }
          return null;
        });
    // Closing the only descriptor of a non-persistent TUN device removes the interface.
    assertThat(linkNames()).containsExactly("lo");
  }

  private Set<String> addresses(String dev) throws Exception {
    Map<String, Object> entry = single(ns.ipJson("addr", "show", "dev", dev));
    return ((List<?>) entry.getOrDefault("addr_info", List.of()))
        .stream()
            .map(o -> (Map<?, ?>) o)
            .map(a -> a.get("local") + "/" + a.get("prefixlen"))
            .collect(Collectors.toSet());
  }

  private Set<String> routes(String... args) throws Exception {
    return ns.ipJson(args).stream().map(o -> (String) ((Map<?, ?>) o).get("dst")).collect(Collectors.toSet());
  }

  private List<String> linkNames() throws Exception {
    return ns.ipJson("link", "show").stream().map(o -> (String) ((Map<?, ?>) o).get("ifname")).toList();
  }

  private static List<String> strings(Object list) {
    return ((List<?>) list).stream().map(String::valueOf).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> single(List<Object> list) {
    assertThat(list).hasSize(1);
    return (Map<String, Object>) list.get(0);
  }
}
