package io.portcullis.gateway.cli;

import io.portcullis.gateway.uapi.UapiClient;
import io.portcullis.gateway.uapi.UapiProtocol;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code down IFACE}: sends SIGTERM to the interface's daemon and waits until it has run PreDown, saved its
 * configuration, removed the interface and run PostDown (all in the daemon's shutdown hook).
 */
final class DownCommand {
  static final long STOP_TIMEOUT_SECONDS = 60;

  private DownCommand() {}

  static void run(List<String> args) throws CliException {
    if (args.size() != 1) {
      throw new CliException("usage: portcullis-gateway down IFACE");
    }
    String iface = args.getFirst();
    if (!RunFiles.isValidInterfaceName(iface)) {
      throw new CliException("'" + iface + "' is not a valid interface name");
    }
    OptionalLong pid = RunFiles.readPid(iface);
    if (pid.isEmpty()) {
      if (UapiClient.answers(UapiProtocol.socketPath(iface))) {
        throw new CliException(iface + " was not started by portcullis-gateway (no " + RunFiles.pidFile(iface) + ")");
      }
      throw new CliException(iface + " is not up");
    }
    Optional<ProcessHandle> daemon = ProcessHandle.of(pid.getAsLong()).filter(DownCommand::isOurDaemon);
    if (daemon.isEmpty()) {
      try {
        Files.deleteIfExists(RunFiles.pidFile(iface));
      } catch (java.io.IOException ignored) {
        // Nothing more to do with a stale file we cannot delete.
      }
      throw new CliException(iface + " is not up (its daemon, pid " + pid.getAsLong() + ", is gone)");
    }
    daemon.get().destroy(); // SIGTERM: the daemon's shutdown hook takes the interface down
    try {
      daemon.get().onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new CliException(iface + ": daemon pid " + pid.getAsLong() + " did not stop within "
          + STOP_TIMEOUT_SECONDS + " s; see " + RunFiles.logFile(iface));
    } catch (ExecutionException e) {
      throw new CliException(iface + ": waiting for the daemon failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
    System.out.println("[#] " + iface + " is down");
  }

  /** Guards against a recycled pid: the process must be a JVM running our main class. */
  private static boolean isOurDaemon(ProcessHandle p) {
    return p.isAlive() && p.info().commandLine().map(c -> c.contains(Main.class.getName())).orElse(true);
  }
}
