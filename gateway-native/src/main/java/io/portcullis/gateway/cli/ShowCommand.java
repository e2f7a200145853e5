package io.portcullis.gateway.cli;

import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.netlink.rtnl.Link;
import io.portcullis.gateway.netlink.rtnl.RouteNetlink;
import io.portcullis.gateway.netlink.wg.KernelWireGuardDevice;
import io.portcullis.gateway.uapi.UapiClient;
import io.portcullis.gateway.uapi.UapiException;
import io.portcullis.gateway.uapi.UapiProtocol;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * {@code show [IFACE]}: prints interfaces like {@code wg show}, userspace ones read over their UAPI sockets, kernel
 * ones over generic netlink (WG_CMD_GET_DEVICE).
 */
final class ShowCommand {

  private ShowCommand() {}

  static void run(List<String> args, PrintStream out, Clock clock) throws CliException {
    if (args.size() > 1) {
      throw new CliException("usage: portcullis-gateway show [IFACE]");
    }
    List<String> names;
    try {
      names = args.isEmpty() ? allInterfaces() : args;
    } catch (IOException e) {
      throw new CliException("cannot list " + UapiProtocol.SOCKET_DIRECTORY + ": " + e.getMessage(), e);
    }
    boolean first = true;
    for (String name : names) {
      DeviceState raw;
      try {
        raw = UapiClient.answers(UapiProtocol.socketPath(name))
            ? UapiClient.get(name, UapiProtocol.socketPath(name))
            : kernelState(name);
      } catch (IOException | UapiException e) {
        throw new CliException("cannot read interface " + name + ": " + e.getMessage(), e);
      }
      DeviceState state = new DeviceState(raw.name(), raw.privateKey(),
          raw.privateKey().map(Curve25519Keys::publicKey), raw.listenPort(), raw.fwmark(), raw.peers());
      if (!first) {
        out.println();
      }
      first = false;
      out.print(ShowFormatter.format(state, clock.instant()));
    }
  }

  /** Userspace interfaces (UAPI sockets) and kernel ones (links of kind wireguard), sorted, without duplicates. */
  private static List<String> allInterfaces() throws IOException {
    java.util.TreeSet<String> names = new java.util.TreeSet<>(UapiClient.interfaces());
    try (RouteNetlink rtnl = RouteNetlink.open()) {
      for (Link l : rtnl.listLinks()) {
        if (l.kind().filter("wireguard"::equals).isPresent()) {
          names.add(l.name());
        }
      }
    } catch (IOException e) {
      // Without rtnetlink (no permission, not Linux) only the userspace interfaces are listed.
    }
    return List.copyOf(names);
  }

  /**
   * A kernel interface's state over generic netlink. The attached device is deliberately not closed: its
   * {@code close()} deletes the interface; the netlink socket ends with this short-lived process.
   */
  private static DeviceState kernelState(String name) throws IOException {
    return KernelWireGuardDevice.attach(name).state();
  }
}
