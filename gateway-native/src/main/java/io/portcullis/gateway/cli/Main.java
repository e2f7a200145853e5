package io.portcullis.gateway.cli;

import io.portcullis.gateway.mode.LinuxDeviceOpener;
import io.portcullis.gateway.mode.DeviceOpener;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code portcullis-gateway} command line: {@code genkey}, {@code pubkey}, {@code genpsk}, {@code up},
 * {@code down}, {@code show}. Errors print one line on stderr and exit with status 1.
 */
public final class Main {
  static final String USAGE = """
      usage: portcullis-gateway COMMAND
        genkey                                   print a new private key
        pubkey                                   read a private key on stdin, print its public key
        genpsk                                   print a new preshared key
        up [--userspace] [--foreground] FILE     bring up the interface named after FILE (wg-quick format)
        down IFACE                               take an interface down
        show [IFACE]                             show one or all interfaces, like wg show
        run [--config FILE] [--grpc-url URL] [--token T] [--userspace] ...
                                                 serve a location of the core (settings: /etc/portcullis/gateway.conf)
        renew-certificate [same settings as run]  get a new client certificate from the core now; a running
                                                 gateway reloads it without dropping tunnels
      """;

  private Main() {}

  public static void main(String[] args) {
    int status = run(args, System.in, System.out, System.err, new LinuxDeviceOpener(), new RtnlLinkSetup());
    System.out.flush();
    System.exit(status);
  }

  /** Runs one command and returns the exit status; tests call this with their own streams and fakes. */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err, DeviceOpener opener,
      LinkSetup link) {
    if (args.length == 0) {
      err.print(USAGE);
      return 1;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      switch (args[0]) {
        case "genkey" -> KeyCommands.genkey(out);
        case "genpsk" -> KeyCommands.genpsk(out);
        case "pubkey" -> KeyCommands.pubkey(in, out);
        case "up" -> UpCommand.run(rest, opener, link);
        case "down" -> DownCommand.run(rest);
        case "show" -> ShowCommand.run(rest, out, Clock.systemUTC());
        case "renew-certificate" -> {
          return io.portcullis.gateway.control.GatewayDaemon.renewCertificate(rest, System.getenv());
        }
        case "run" -> {
          return io.portcullis.gateway.control.GatewayDaemon.run(rest, System.getenv());
        }
        case "help", "--help", "-h" -> out.print(USAGE);
        default -> {
          err.print("portcullis-gateway: unknown command '" + args[0] + "'\n" + USAGE);
          return 1;
        }
      }
      return 0;
    } catch (CliException e) {
      err.println("portcullis-gateway: " + e.getMessage());
      return 1;
    }
  }
}
