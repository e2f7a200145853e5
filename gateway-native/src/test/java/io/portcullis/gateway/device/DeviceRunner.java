package io.portcullis.gateway.device;

import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerUpdate;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs one {@link UserspaceDevice} over a real TUN for the netns interop script, until stdin closes or the time
 * limit passes, then prints the counters.
 *
 * <p>Arguments: {@code IFNAME PRIVATE_KEY_B64 LISTEN_PORT PEER_PUBLIC_B64 PEER_ENDPOINT|- ALLOWED_IPS SECONDS}.
 */
public final class DeviceRunner {
  private DeviceRunner() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 7) {
      System.err.println("usage: IFNAME PRIVKEY PORT PEERPUB ENDPOINT|- ALLOWED,IPS SECONDS");
      System.exit(2);
    }
    Optional<InetSocketAddress> ep = Optional.empty();
    if (!args[4].equals("-")) {
      int colon = args[4].lastIndexOf(':');
      ep =
          Optional.of(
              new InetSocketAddress(
                  IpPrefix.parseNumericAddress(args[4].substring(0, colon)),
                  Integer.parseInt(args[4].substring(colon + 1))));
    }
    List<IpPrefix> allowed = Arrays.stream(args[5].split(",")).map(IpPrefix::parse).toList();
    try (UserspaceDevice d = UserspaceDevice.openLinux(args[0])) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () ->
                      d.counters()
                          .forEach(
                              (k, v) -> {
                                if (v != 0) {
                                  System.out.println(k + " " + v);
                                }
                              })));
      d.apply(
          new DeviceUpdate(
              Optional.of(Key.fromBase64(args[1])),
              OptionalInt.of(Integer.parseInt(args[2])),
              OptionalInt.empty(),
              false,
              List.of(
                  new PeerUpdate(
                      Key.fromBase64(args[3]), false, false, Optional.empty(), ep, OptionalInt.empty(), true,
                      allowed))));
      System.out.println("READY " + d.state().listenPort());
      System.out.flush();
      long deadline = System.nanoTime() + Long.parseLong(args[6]) * 1_000_000_000L;
      while (System.nanoTime() < deadline) {
        if (System.in.available() > 0 && System.in.read() < 0) {
          break;
        }
        Thread.sleep(200);
      }
    }
  }
}
