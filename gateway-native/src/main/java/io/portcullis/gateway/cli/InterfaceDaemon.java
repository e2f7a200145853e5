package io.portcullis.gateway.cli;

import io.portcullis.gateway.mode.DeviceOpener;
import io.portcullis.gateway.config.ConfigException;
import io.portcullis.gateway.config.WgQuickConfig;
import io.portcullis.gateway.config.WgQuickPeer;
import io.portcullis.gateway.config.WgQuickWriter;
import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.WireGuardDevice;
import io.portcullis.gateway.uapi.UapiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One interface brought up from a wg-quick file and kept up until the process is told to stop: the work of
 * {@code up --foreground}.
 *
 * <p>Up: PreUp, create the device, apply the file, MTU, addresses, link up, routes, UAPI socket, DNS, PostUp; a
 * failing step undoes the earlier ones. Down (the JVM shutdown hook on SIGTERM or Ctrl-C, or {@link #stop()}):
 * PreDown, SaveConfig, close the socket, close the device (its addresses and routes go with it), PostDown. The
 * daemon runs the down hooks itself so that they run however it is stopped. Not thread-safe; {@link #stop()}
 * runs once.
 */
public final class InterfaceDaemon {
  private static final System.Logger LOG = System.getLogger(InterfaceDaemon.class.getName());

  /** wg-quick's MTU when none is given: 1500 minus the 80 bytes of the largest (IPv6) WireGuard overhead. */
  public static final int DEFAULT_MTU = 1420;
  /** {@link WireGuardDevice#mode()} of a kernel interface. */
  static final String KERNEL_MODE = "kernel";
  /** The number of the main routing table. */
  public static final int MAIN_TABLE = 254;

  private final String iface;
  private final WgQuickConfig config;
  private final Path configPath;
  private final DeviceOpener opener;
  private final LinkSetup link;
  private final boolean forceUserspace;
  private final Path socketPath;
  private WireGuardDevice device;
  private UapiServer uapi;
  private boolean dnsSet;
  private boolean stopped;

  public InterfaceDaemon(String iface, WgQuickConfig config, Path configPath, DeviceOpener opener, LinkSetup link,
      boolean forceUserspace, Path socketPath) {
    this.iface = iface;
    this.config = config;
    this.configPath = configPath;
    this.opener = opener;
    this.link = link;
    this.forceUserspace = forceUserspace;
    this.socketPath = socketPath;
  }

  /** The device once {@link #start()} has created it. */
  public WireGuardDevice device() {
    return device;
  }

  /**
   * Brings the interface up; when a step fails the interface is removed again.
   *
   * @throws CliException naming the failed step
   */
  public void start() throws CliException {
    DeviceUpdate update;
    try {
      update = config.toDeviceUpdate();
    } catch (ConfigException e) {
      throw new CliException(e.getMessage(), e);
    }
    Hooks.run("PreUp", config.preUp(), iface);
    try {
      device = opener.open(iface, forceUserspace);
    } catch (IOException | RuntimeException e) {
      throw new CliException("cannot create interface " + iface + ": " + e.getMessage(), e);
    }
    try {
      device.apply(update);
      int mtu = config.mtu().orElse(DEFAULT_MTU);
      link.setMtu(iface, mtu);
      for (IpPrefix a : config.addresses()) {
        link.addAddress(iface, a);
      }
      link.setUp(iface);
      if (config.wantsRoutes()) {
        link.addRoutes(iface, routes(), tableNumber());
      }
      if (!KERNEL_MODE.equals(device.mode())) {
        // A kernel interface is configured by wg(8) over netlink; a socket as well would list it twice.
        uapi = UapiServer.start(device, socketPath);
      }
      setDns();
      Hooks.run("PostUp", config.postUp(), iface);
    } catch (IOException | RuntimeException | CliException e) {
      closeQuietly();
      if (e instanceof CliException c) {
        throw c;
      }
      throw new CliException("cannot bring up " + iface + ": " + e.getMessage(), e);
    }
    LOG.log(System.Logger.Level.INFO, "{0} is up ({1} mode, {2} peer(s))", iface, device.mode(),
        config.peers().size());
  }

  /** Takes the interface down: PreDown, SaveConfig, socket, device, PostDown. Safe to call more than once. */
  public synchronized void stop() {
    if (stopped || device == null) {
      return;
    }
    stopped = true;
    Hooks.runLogged("PreDown", config.preDown(), iface);
    if (config.saveConfig()) {
      saveConfig();
    }
    unsetDns();
    closeQuietly();
    Hooks.runLogged("PostDown", config.postDown(), iface);
    LOG.log(System.Logger.Level.INFO, "{0} is down", iface);
  }

  /** The destinations to route: every allowed IP of every peer, without duplicates; default routes when asked. */
  List<IpPrefix> routes() {
    Set<IpPrefix> out = new LinkedHashSet<>();
    for (WgQuickPeer p : config.peers()) {
      for (IpPrefix a : p.allowedIps()) {
        if (a.length() == 0 && WgQuickConfig.TABLE_AUTO.equals(config.table())) {
          // wg-quick's fwmark policy-routing trick is not implemented: a plain default route would also capture
          // the tunnel's own UDP packets. Ask for an explicit table instead.
          LOG.log(System.Logger.Level.WARNING, "{0}: not routing {1} in the main table; set Table = <number> and "
              + "add your own policy rules to send everything through the tunnel", iface, a);
          continue;
        }
        out.add(a.masked());
      }
    }
    return new ArrayList<>(out);
  }

  /** The routing table number of {@code Table}: auto and main are 254, a name is looked up in rt_tables. */
  int tableNumber() throws CliException {
    String t = config.table().toLowerCase(Locale.ROOT);
    if (t.equals(WgQuickConfig.TABLE_AUTO) || t.equals("main")) {
      return MAIN_TABLE;
    }
    if (t.chars().allMatch(Character::isDigit)) {
      return (int) Long.parseLong(t);
    }
    for (Path p : List.of(Path.of("/etc/iproute2/rt_tables"), Path.of("/usr/share/iproute2/rt_tables"))) {
      try {
        for (String line : Files.readAllLines(p)) {
          String[] f = line.strip().split("\\s+");
          if (f.length >= 2 && !f[0].startsWith("#") && f[1].equals(config.table())) {
            return Integer.parseInt(f[0]);
          }
        }
      } catch (IOException | NumberFormatException e) {
        // Try the next file; an unknown name is reported below.
      }
    }
    throw new CliException(config.file() + ": key 'Table': no routing table named '" + config.table() + "'");
  }

  private void saveConfig() {
    try {
      String text = WgQuickWriter.write(WgQuickWriter.saved(config, device.state()));
      Path tmp = configPath.resolveSibling(configPath.getFileName() + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, configPath, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      System.out.println("[#] saved configuration to " + configPath);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "SaveConfig failed for {0}: {1}", configPath, e.toString());
    }
  }

  /** DNS through resolvconf(8), as wg-quick does; without resolvconf the keys are reported and skipped. */
  private void setDns() throws IOException {
    if (config.dns().isEmpty()) {
      return;
    }
    Optional<Path> resolvconf = resolvconf();
    if (resolvconf.isEmpty()) {
      LOG.log(System.Logger.Level.WARNING, "DNS = {0} ignored: resolvconf is not installed", config.dns());
      return;
    }
    StringBuilder in = new StringBuilder();
    List<String> search = new ArrayList<>();
    for (String d : config.dns()) {
      if (d.matches("[0-9.]+") || d.indexOf(':') >= 0) {
        in.append("nameserver ").append(d).append('\n');
      } else {
        search.add(d);
      }
    }
    if (!search.isEmpty()) {
      in.append("search ").append(String.join(" ", search)).append('\n');
    }
    Process p = new ProcessBuilder(resolvconf.get().toString(), "-a", "tun." + iface, "-m", "0", "-x")
        .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    p.getOutputStream().write(in.toString().getBytes(StandardCharsets.US_ASCII));
    p.getOutputStream().close();
    try {
      if (p.waitFor() != 0) {
        throw new IOException("resolvconf failed with status " + p.exitValue());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while setting DNS", e);
    }
    dnsSet = true;
  }

  private void unsetDns() {
    if (!dnsSet) {
      return;
    }
    try {
      new ProcessBuilder(resolvconf().orElseThrow().toString(), "-d", "tun." + iface, "-f").inheritIO().start()
          .waitFor();
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not remove DNS settings: {0}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Optional<Path> resolvconf() {
    for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
      Path p = Path.of(dir, "resolvconf");
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private void closeQuietly() {
    if (uapi != null) {
      try {
        uapi.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "closing the UAPI socket: {0}", e.toString());
      }
    }
    if (device != null) {
      try {
        device.close();
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "closing {0}: {1}", iface, e.toString());
      }
    }
  }
}
