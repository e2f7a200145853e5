package io.portcullis.gateway.cli;

import io.portcullis.gateway.model.WireGuardDevice;
import java.io.IOException;

/** Creates interfaces on Linux: the kernel module when present and allowed, otherwise the userspace device. */
final class LinuxDeviceOpener implements DeviceOpener {

  @Override
  public WireGuardDevice open(String name, boolean forceUserspace) throws IOException {
    throw new IOException("the userspace data plane is not linked into this build yet");
  }
}
