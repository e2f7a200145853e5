package io.portcullis.gateway.mode;

import io.portcullis.gateway.model.WireGuardDevice;
import java.io.IOException;

/** Creates the WireGuard interface that {@code up} and {@code run} configure: in the kernel when possible, otherwise in userspace. */
@FunctionalInterface
public interface DeviceOpener {

  /**
   * Creates interface {@code name}.
   *
   * @param forceUserspace skip the kernel module even if it is available
   * @throws IOException when the interface cannot be created (name taken, no permission, no TUN)
   */
  WireGuardDevice open(String name, boolean forceUserspace) throws IOException;
}
