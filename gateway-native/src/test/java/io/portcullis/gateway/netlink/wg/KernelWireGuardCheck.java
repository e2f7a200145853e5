package io.portcullis.gateway.netlink.wg;

import io.portcullis.gateway.mode.GatewayMode;
import io.portcullis.gateway.mode.ModeSelection;
import io.portcullis.gateway.mode.ModeSelector;
import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerState;
import io.portcullis.gateway.model.PeerUpdate;
import io.portcullis.gateway.netlink.rtnl.RouteNetlink;
import io.portcullis.gateway.netlink.rtnl.RtnetlinkUapi;
import io.portcullis.gateway.sys.FileCalls;
import io.portcullis.gateway.sys.ProcessCalls;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The kernel-mode check run inside the QEMU guest by {@code src/test/sh/kernel/qemu-wireguard.sh}: it configures
 * real kernel WireGuard interfaces the way the gateway does (mode selection, RTM_NEWLINK, WG_CMD_SET_DEVICE,
 * addresses, routes) and prints WG_CMD_GET_DEVICE in the format of {@code wg show IF dump}, so the script can
 * compare our view with wg(8)'s byte for byte.
 *
 * <pre>
 * up   NETNS IF PRIVATE_KEY PORT ADDRESS/LEN PEER_PUBLIC_KEY PEER_ENDPOINT PEER_ALLOWED_IP
 * show NETNS IF
 * big  NETNS IF PEERS IPS_PER_PEER
 * </pre>
 */
public final class KernelWireGuardCheck {
  private KernelWireGuardCheck() {}

  public static void main(String[] args) throws Exception {
    enterNamespace(args[1]);
    switch (args[0]) {
      case "up" -> up(args);
      case "show" -> System.out.print(dump(args[2]));
      case "big" -> big(args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  private static void enterNamespace(String name) throws Exception {
    int fd = FileCalls.open("/run/netns/" + name, FileCalls.O_RDONLY | FileCalls.O_CLOEXEC);
    try {
      ProcessCalls.setns(fd, ProcessCalls.CLONE_NEWNET);
    } finally {
      FileCalls.close(fd);
    }
  }

  private static void up(String[] a) throws Exception {
    ModeSelection mode = ModeSelector.forThisProcess().select();
    System.out.println("mode: " + mode);
    if (mode.mode() != GatewayMode.KERNEL) {
      throw new IllegalStateException("expected kernel mode, got " + mode);
    }
    String ifname = a[2];
    KernelWireGuardDevice device = KernelWireGuardDevice.create(ifname);
    System.out.println("family id: " + device.family().id());
    String[] endpoint = a[7].split(":");
    device.apply(
        new DeviceUpdate(
            Optional.of(Key.fromBase64(a[3])),
            OptionalInt.of(Integer.parseInt(a[4])),
            OptionalInt.empty(),
            true,
            List.of(
                new PeerUpdate(
                    Key.fromBase64(a[6]),
                    false,
                    false,
                    Optional.empty(),
                    Optional.of(
                        new InetSocketAddress(
                            IpPrefix.parseNumericAddress(endpoint[0]), Integer.parseInt(endpoint[1]))),
                    OptionalInt.empty(),
                    true,
                    List.of(IpPrefix.parse(a[8]))))));
    try (RouteNetlink rtnl = RouteNetlink.open()) {
      int index = rtnl.linkIndex(ifname);
      rtnl.setMtu(index, 1420);
      rtnl.addAddress(index, IpPrefix.parse(a[5]));
      rtnl.setUp(index);
      rtnl.addRoute(index, IpPrefix.parse(a[8]), RtnetlinkUapi.RT_TABLE_MAIN);
    }
    // The interface stays after exit, like after wg-quick up; the script tears the namespaces down.
  }

  private static void big(String ifname, int peers, int ipsPerPeer) throws Exception {
    KernelWireGuardDevice device = KernelWireGuardDevice.create(ifname);
    List<PeerUpdate> updates = new ArrayList<>();
    for (int p = 0; p < peers; p++) {
      byte[] key = new byte[32];
      key[0] = (byte) (p >> 8);
      key[1] = (byte) p;
      key[31] = 0x40;
      List<IpPrefix> ips = new ArrayList<>();
      for (int i = 0; i < ipsPerPeer; i++) {
        ips.add(IpPrefix.parse("10." + (p >> 8) + "." + (p & 0xff) + "." + i + "/32"));
      }
      updates.add(
          new PeerUpdate(
              Key.of(key), false, false, Optional.empty(), Optional.empty(), OptionalInt.empty(), true, ips));
    }
    DeviceUpdate update = new DeviceUpdate(Optional.empty(), OptionalInt.of(0), OptionalInt.empty(), true, updates);
    int messages = new SetDeviceEncoder(device.family().id(), WireGuardUapi.MAX_SET_MESSAGE_SIZE)
        .encode(ifname, update).size();
    long start = System.nanoTime();
    device.apply(update);
    long setMillis = (System.nanoTime() - start) / 1_000_000;
    start = System.nanoTime();
    DeviceState state = device.state();
    long getMillis = (System.nanoTime() - start) / 1_000_000;
    int total = state.peers().stream().mapToInt(p -> p.allowedIps().size()).sum();
    System.out.println(
        "big: messages=" + messages + " peers=" + state.peers().size() + " allowed-ips=" + total
            + " set-ms=" + setMillis + " get-ms=" + getMillis);
    if (state.peers().size() != peers || total != peers * ipsPerPeer) {
      throw new IllegalStateException("kernel holds " + state.peers().size() + " peers and " + total + " IPs");
    }
  }

  /** {@code wg show IF dump}: tab-separated, one interface line then one line per peer. */
  static String dump(String ifname) throws Exception {
    try (KernelWireGuardDevice device = KernelWireGuardDevice.attach(ifname)) {
      DeviceState s = device.state();
      StringBuilder out = new StringBuilder();
      out.append(s.privateKey().map(Key::toBase64).orElse("(none)")).append('\t')
          .append(s.publicKey().map(Key::toBase64).orElse("(none)")).append('\t')
          .append(s.listenPort()).append('\t')
          .append(s.fwmark() == 0 ? "off" : "0x" + Integer.toHexString(s.fwmark())).append('\n');
      for (PeerState p : s.peers()) {
        out.append(p.publicKey().toBase64()).append('\t')
            .append(p.presharedKey().map(Key::toBase64).orElse("(none)")).append('\t')
            .append(p.endpoint().map(e -> e.getAddress().getHostAddress() + ":" + e.getPort()).orElse("(none)"))
            .append('\t')
            .append(p.allowedIps().isEmpty() ? "(none)"
                : p.allowedIps().stream().map(IpPrefix::toString).collect(Collectors.joining(",")))
            .append('\t')
            .append(p.lastHandshake().map(i -> i.getEpochSecond()).orElse(0L)).append('\t')
            .append(p.rxBytes()).append('\t')
            .append(p.txBytes()).append('\t')
            .append(p.persistentKeepalive() == 0 ? "off" : String.valueOf(p.persistentKeepalive()))
            .append('\n');
      }
      return out.toString();
    }
  }
}
