package io.portcullis.gateway.cli;

import io.portcullis.gateway.device.UserspaceDevice;
import io.portcullis.gateway.model.WireGuardDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates interfaces on Linux: the kernel module when present and allowed, otherwise the userspace device over
 * TUN. The choice and its reason are printed once, at {@code up}.
 */
final class LinuxDeviceOpener implements DeviceOpener {

  @Override
  public WireGuardDevice open(String name, boolean forceUserspace) throws IOException {
    String reason = forceUserspace ? "--userspace given" : kernelUnavailableReason();
    // Kernel mode is configured over generic netlink by the netlink package; until that device is wired in
    // here, every interface is a userspace one.
    System.out.println("[#] " + name + ": userspace WireGuard (" + reason + ")");
    return UserspaceDevice.openLinux(name);
  }

  /** Why the kernel implementation is not used. */
  private static String kernelUnavailableReason() {
    if (!Files.isDirectory(Path.of("/sys/module/wireguard"))) {
      return "the kernel has no wireguard module loaded";
    }
    return "kernel mode is not supported by this build yet";
  }
}
