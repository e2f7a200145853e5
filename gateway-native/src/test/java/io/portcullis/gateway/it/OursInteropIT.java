package io.portcullis.gateway.it;

import org.junit.jupiter.api.Test;

/** Our userspace gateway against itself in two network namespaces. */
class OursInteropIT {

  @Test
  void oursAgainstOurs() throws Exception {
    NetnsScript.run(300, "interop.sh", "ours", "ours");
  }
}
