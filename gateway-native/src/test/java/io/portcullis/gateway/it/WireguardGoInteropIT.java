package io.portcullis.gateway.it;

import org.junit.jupiter.api.Test;

/** Our userspace gateway against Debian's wireguard-go, configured by wg(8), in two network namespaces. */
class WireguardGoInteropIT {

  @Test
  void oursAgainstWireguardGo() throws Exception {
    NetnsScript.run(300, "interop.sh", "ours", "wireguard-go");
  }
}
