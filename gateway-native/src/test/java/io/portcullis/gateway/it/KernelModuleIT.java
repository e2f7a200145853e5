package io.portcullis.gateway.it;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;

/**
 * Kernel mode against the real WireGuard module: a Debian kernel booted under QEMU (software emulation) runs the
 * gateway's netlink code in two namespaces, pings through the tunnel, compares our dump with {@code wg show}, and
 * pushes a 300-peer update split over many messages. Takes minutes (about 4.5 min on a loaded 2-core machine);
 * {@code -Dportcullis.skipKernelTests=true} leaves it out of a local run.
 */
class KernelModuleIT {

  @Test
  void kernelModeAgainstTheRealModuleUnderQemu() throws Exception {
    assumeFalse(Boolean.getBoolean("portcullis.skipKernelTests"), "skipped by -Dportcullis.skipKernelTests");
    NetnsScript.run(900, "kernel/qemu-wireguard.sh");
  }
}
