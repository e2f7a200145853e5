package io.portcullis.gateway.mode;

import io.portcullis.gateway.device.UserspaceDevice;
import io.portcullis.gateway.model.WireGuardDevice;
import io.portcullis.gateway.netlink.wg.KernelWireGuardDevice;
import java.io.IOException;

/**
 * Creates interfaces on Linux: the kernel module when {@link ModeSelector} finds it and {@code --userspace} is
 * not given, otherwise the userspace device over TUN. The choice and its reason are printed once, when the interface is created (by {@code up} or {@code run}).
 */
public final class LinuxDeviceOpener implements DeviceOpener {

  @Override
  public WireGuardDevice open(String name, boolean forceUserspace) throws IOException {
    ModeSelection selection = forceUserspace
        ? new ModeSelection(GatewayMode.USERSPACE, "--userspace given")
        : ModeSelector.forThisProcess().select();
    System.out.println("[#] " + name + ": " + selection);
    return selection.mode() == GatewayMode.KERNEL
        ? KernelWireGuardDevice.create(name)
        : UserspaceDevice.openLinux(name);
  }
}
