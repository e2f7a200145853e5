package io.portcullis.gateway.cli;

import io.portcullis.gateway.mode.DeviceOpener;
import io.portcullis.gateway.config.ConfigException;
import io.portcullis.gateway.config.WgQuickConfig;
import io.portcullis.gateway.config.WgQuickParser;
import io.portcullis.gateway.uapi.UapiClient;
import io.portcullis.gateway.uapi.UapiProtocol;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code up [--userspace] [--foreground] FILE}: brings up the interface named after FILE, like wg-quick. Without
 * {@code --foreground} it starts itself again detached (new session, output to {@code /run/portcullis/IFACE.log})
 * and returns once the daemon has finished PostUp and written its pid file.
 */
final class UpCommand {
  /** How long the launching process waits for the daemon to come up. */
  static final long START_TIMEOUT_MILLIS = 60_000;
  static final String USAGE = "usage: portcullis-gateway up [--userspace] [--foreground] FILE";

  private UpCommand() {}

  static void run(List<String> args, DeviceOpener opener, LinkSetup link) throws CliException {
    boolean userspace = false;
    boolean foreground = false;
    String file = null;
    for (String a : args) {
      switch (a) {
        case "--userspace" -> userspace = true;
        case "--foreground" -> foreground = true;
        default -> {
          if (a.startsWith("-") || file != null) {
            throw new CliException(USAGE);
          }
          file = a;
        }
      }
    }
    if (file == null) {
      throw new CliException(USAGE);
    }
    Path path = configPath(file);
    String iface = interfaceName(path);
    WgQuickConfig config;
    try {
      config = WgQuickParser.parse(path);
      config.toDeviceUpdate(); // resolves endpoints now, so a bad host name fails before anything changes
    } catch (ConfigException e) {
      throw new CliException(e.getMessage(), e);
    }
    if (UapiClient.answers(UapiProtocol.socketPath(iface))) {
      throw new CliException(iface + " already exists");
    }
    if (foreground) {
      runForeground(iface, config, path, opener, link, userspace);
    } else {
      daemonize(iface, path, userspace);
    }
  }

  /** wg-quick's rule: a bare name means {@code /etc/wireguard/NAME.conf}. */
  static Path configPath(String file) {
    if (file.indexOf('/') < 0 && !file.endsWith(".conf")) {
      return Path.of("/etc/wireguard", file + ".conf");
    }
    return Path.of(file);
  }

  static String interfaceName(Path path) throws CliException {
    String base = path.getFileName().toString();
    if (!base.endsWith(".conf")) {
      throw new CliException(path + ": the file name must be IFACE.conf");
    }
    String iface = base.substring(0, base.length() - ".conf".length());
    if (!RunFiles.isValidInterfaceName(iface)) {
      throw new CliException(path + ": '" + iface + "' is not a valid interface name (1-15 of a-z A-Z 0-9 _=+.-)");
    }
    return iface;
  }

  private static void runForeground(String iface, WgQuickConfig config, Path path, DeviceOpener opener,
      LinkSetup link, boolean userspace) throws CliException {
    InterfaceDaemon daemon = new InterfaceDaemon(iface, config, path.toAbsolutePath(), opener, link, userspace,
        UapiProtocol.socketPath(iface));
    daemon.start();
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("down-" + iface).unstarted(() -> {
      daemon.stop();
      RunFiles.removePid(iface);
    }));
    try {
      RunFiles.writePid(iface);
    } catch (IOException e) {
      daemon.stop();
      throw new CliException("cannot write " + RunFiles.pidFile(iface) + ": " + e.getMessage(), e);
    }
    System.out.println("[#] " + iface + " is up; pid " + ProcessHandle.current().pid());
    System.out.flush();
    try {
      new CountDownLatch(1).await(); // until SIGTERM/SIGINT runs the shutdown hook
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void daemonize(String iface, Path path, boolean userspace) throws CliException {
    Path log = RunFiles.logFile(iface);
    try {
      Files.createDirectories(RunFiles.RUN_DIRECTORY);
      Files.deleteIfExists(RunFiles.pidFile(iface));
    } catch (IOException e) {
      throw new CliException("cannot prepare " + RunFiles.RUN_DIRECTORY + ": " + e.getMessage(), e);
    }
    List<String> cmd = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      cmd.add("/usr/bin/setsid");
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--add-modules=jdk.incubator.vector");
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-Dportcullis.run.dir=" + RunFiles.RUN_DIRECTORY);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.add("up");
    cmd.add("--foreground");
    if (userspace) {
      cmd.add("--userspace");
    }
    cmd.add(path.toAbsolutePath().toString());
    Process child;
    try {
      child = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new CliException("cannot start the daemon: " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + START_TIMEOUT_MILLIS * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (!child.isAlive()) {
        throw new CliException(iface + " did not come up (exit status " + child.exitValue() + "); " + tail(log));
      }
      // The daemon writes its pid file only after PostUp, so the file is the signal that the interface is up.
      if (RunFiles.readPid(iface).isPresent()) {
        System.out.print(tail(log));
        System.out.println("[#] " + iface + " is up; daemon pid " + RunFiles.readPid(iface).getAsLong()
            + ", log " + log);
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    child.destroy();
    throw new CliException(iface + " did not come up within " + START_TIMEOUT_MILLIS / 1000 + " s; see " + log);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) + "\n";
    } catch (IOException e) {
      return "see " + log + "\n";
    }
  }
}
