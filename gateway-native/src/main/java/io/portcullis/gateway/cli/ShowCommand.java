package io.portcullis.gateway.cli;

import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.uapi.UapiClient;
import io.portcullis.gateway.uapi.UapiException;
import io.portcullis.gateway.uapi.UapiProtocol;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/** {@code show [IFACE]}: prints interfaces like {@code wg show}, read over their UAPI sockets. */
final class ShowCommand {

  private ShowCommand() {}

  static void run(List<String> args, PrintStream out, Clock clock) throws CliException {
    if (args.size() > 1) {
      throw new CliException("usage: portcullis-gateway show [IFACE]");
    }
    List<String> names;
    try {
      names = args.isEmpty() ? UapiClient.interfaces() : args;
    } catch (IOException e) {
      throw new CliException("cannot list " + UapiProtocol.SOCKET_DIRECTORY + ": " + e.getMessage(), e);
    }
    boolean first = true;
    for (String name : names) {
      DeviceState raw;
      try {
        raw = UapiClient.get(name, UapiProtocol.socketPath(name));
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
}
