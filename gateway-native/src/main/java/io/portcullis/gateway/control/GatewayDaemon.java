package io.portcullis.gateway.control;

import io.portcullis.gateway.mode.DeviceOpener;
import io.portcullis.gateway.mode.LinuxDeviceOpener;
import io.portcullis.gateway.model.WireGuardDevice;
import io.portcullis.gateway.uapi.UapiServer;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What {@code portcullis-gateway run} does: reads the settings (file, environment, flags), creates the WireGuard
 * interface, and keeps it in step with the core through a {@link ControlClient} until SIGTERM or Ctrl-C, when
 * the shutdown hook closes the channel and then the interface.
 *
 * <p>The interface is created empty and receives its key, port and peers from the core's first full
 * configuration; while the core is unreachable it keeps running what it last received. Exit status: 0 when
 * stopped, 1 on a settings or start-up error, 2 when the core removed this gateway (its token is no longer valid).
 */
public final class GatewayDaemon {
  private static final Logger LOG = System.getLogger(GatewayDaemon.class.getName());

  /** Exit status when the core removed this gateway. */
  public static final int EXIT_REMOVED = 2;

  private GatewayDaemon() {}

  /** Runs the gateway; returns the exit status. Blocks until stopped. */
  public static int run(List<String> args, Map<String, String> env) {
    GatewaySettings settings;
    try {
      settings = GatewaySettingsLoader.load(args, env);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("portcullis-gateway run: " + e.getMessage());
      return 1;
    }
    return run(settings, new LinuxDeviceOpener(), new RtnlInterfaceSetup());
  }

  /** Runs the gateway with {@code settings} on a device from {@code devices}; returns the exit status. */
  public static int run(GatewaySettings settings, DeviceOpener devices, InterfaceSetup setup) {
    LOG.log(
        Level.INFO,
        "gateway {0} starting: core {1}, token {2}, interface {3}",
        settings.name(), settings.grpcUrl(), settings.redactedToken(), settings.interfaceName());
    WireGuardDevice device;
    try {
      device = devices.open(settings.interfaceName(), settings.userspace());
    } catch (IOException e) {
      System.err.println("portcullis-gateway run: cannot create interface " + settings.interfaceName() + ": " + e.getMessage());
      return 1;
    }
    // The stock wg(8) reads and changes a userspace interface through its UAPI socket; the kernel one it reaches
    // over netlink by itself.
    UapiServer uapi = null;
    if ("userspace".equals(device.mode())) {
      try {
        uapi = UapiServer.start(device);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "no UAPI socket for {0} (wg(8) will not see it): {1}", device.name(), e.toString());
      }
    }
    ControlClient client;
    try {
      client = new ControlClient(settings, device, setup, version(), Clock.systemUTC(), new SplittableRandom());
    } catch (IOException | IllegalArgumentException e) {
      closeQuietly(uapi);
      closeQuietly(device);
      System.err.println("portcullis-gateway run: " + e.getMessage());
      return 1;
    }
    Thread main = Thread.currentThread();
    Thread hook =
        Thread.ofPlatform()
            .name("portcullis-shutdown")
            .unstarted(
                () -> {
                  LOG.log(Level.INFO, "stopping: closing the control channel and interface {0}", device.name());
                  client.close();
                  try {
                    main.join(5_000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    Runtime.getRuntime().addShutdownHook(hook);
    boolean closed;
    try {
      closed = client.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    } finally {
      client.close();
      closeQuietly(uapi);
      closeQuietly(device);
    }
    if (!closed) {
      LOG.log(Level.ERROR, "the core removed this gateway; a new token is needed");
      return EXIT_REMOVED;
    }
    return 0;
  }

  /**
   * {@code portcullis-gateway renew-certificate}: asks the core for a new client certificate now, with the same
   * settings as {@code run}, and writes it and its new key over the configured files. A running gateway picks
   * the files up at its next check (PORTCULLIS_CERT_CHECK_INTERVAL) or reconnection without dropping tunnels.
   * Exit status 0 when renewed, 1 otherwise (the message says why; the old files are kept).
   */
  public static int renewCertificate(List<String> args, Map<String, String> env) {
    try {
      GatewaySettings settings = GatewaySettingsLoader.load(args, env);
      try (ControlClient client = ControlClient.forRenewal(settings)) {
        String serial = client.renewCertificate();
        System.out.println("renewed: certificate " + serial + " written to " + settings.clientCertificate().orElseThrow());
        return 0;
      }
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("portcullis-gateway renew-certificate: " + e.getMessage());
      return 1;
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "closing {0}: {1}", closeable, e.toString());
    }
  }

  private static String version() {
    String v = GatewayDaemon.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
