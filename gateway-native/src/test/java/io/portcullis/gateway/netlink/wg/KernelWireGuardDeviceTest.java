package io.portcullis.gateway.netlink.wg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.gateway.mode.ModeSelector;
import io.portcullis.gateway.netlink.rtnl.RouteNetlink;
import io.portcullis.gateway.sys.NetworkNamespace;
import io.portcullis.gateway.sys.SyscallException;
import org.junit.jupiter.api.Test;

/**
 * The kernel device where the module is missing (this host): both ways in fail with one clear error and leave no
 * interface behind. Where the module exists, {@code src/test/sh/kernel/qemu-wireguard.sh} runs {@link
 * KernelWireGuardCheck} under a Debian kernel (see docs/netlink.md).
 */
class KernelWireGuardDeviceTest {

  @Test
  void withoutTheModuleCreateAndAttachFailCleanly() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        ModeSelector.probeKernelModule().isPresent(), "this kernel has a WireGuard module");
    try (NetworkNamespace ns = NetworkNamespace.create("kwg")) {
      ns.run(
          () -> {
            assertThatThrownBy(() -> KernelWireGuardDevice.create("pcwg0"))
                .isInstanceOf(SyscallException.class)
                .hasMessage(
                    "RTM_NEWLINK(pcwg0 type wireguard): EOPNOTSUPP (Operation not supported): Unknown device type");
            assertThatThrownBy(() -> KernelWireGuardDevice.attach("pcwg0"))
                .isInstanceOf(SyscallException.class)
                .hasMessageContaining("ENOENT")
                .hasMessageContaining("WireGuard kernel module is not loaded");
            try (RouteNetlink rtnl = RouteNetlink.open()) {
              assertThat(rtnl.findLink("pcwg0")).isEmpty();
            }
            return null;
          });
    }
  }
}
