package io.portcullis.gateway.netlink.genl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.gateway.netlink.NetlinkException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Family resolution against the running kernel. */
class GenericNetlinkTest {

  @Test
  void theControllerResolvesItself() throws Exception {
    try (GenericNetlink genl = GenericNetlink.open()) {
      GenericFamily ctrl = genl.resolve("nlctrl").orElseThrow();
      assertThat(ctrl.id()).isEqualTo(GenericNetlinkUapi.GENL_ID_CTRL);
      assertThat(ctrl.name()).isEqualTo("nlctrl");
      assertThat(ctrl.version()).isEqualTo(GenericNetlinkUapi.CTRL_VERSION);
      assertThat(ctrl.headerSize()).isZero();
    }
  }

  @Test
  void unknownFamiliesAreEmptyNotErrors() throws Exception {
    try (GenericNetlink genl = GenericNetlink.open()) {
      assertThat(genl.resolve("pcnosuchfamily")).isEmpty();
      // The same socket keeps working after a refusal.
      assertThat(genl.resolve("nlctrl")).isPresent();
    }
  }

  @Test
  void namesLongerThanTheKernelAllowsAreRefusedWithItsReason() throws Exception {
    try (GenericNetlink genl = GenericNetlink.open()) {
      // GENL_NAMSIZ is 16: the policy rejects the attribute, and the ext-ack says so.
      assertThatThrownBy(() -> genl.resolve("pc-no-such-family"))
          .isInstanceOf(NetlinkException.class)
          .hasMessageStartingWith("CTRL_CMD_GETFAMILY(pc-no-such-family): EINVAL (Invalid argument)");
    }
  }

  @Test
  void wireguardIsEitherAbsentCleanlyOrVersionOne() throws Exception {
    try (GenericNetlink genl = GenericNetlink.open()) {
      Optional<GenericFamily> wg = genl.resolve("wireguard");
      // This development kernel has no module (empty); the QEMU test covers the other branch for real.
      wg.ifPresent(
          f -> {
            assertThat(f.name()).isEqualTo("wireguard");
            assertThat(f.version()).isEqualTo(1);
            assertThat(f.id()).isGreaterThan(GenericNetlinkUapi.GENL_ID_CTRL);
          });
    }
  }
}
