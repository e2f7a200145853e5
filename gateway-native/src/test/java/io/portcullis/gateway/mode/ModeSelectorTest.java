package io.portcullis.gateway.mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.gateway.sys.ProcessCalls;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ModeSelectorTest {

  @Test
  void kernelWhenTheModuleAnswers() throws Exception {
    ModeSelection s = new ModeSelector(Map.of(), () -> true, Optional::empty).select();
    assertThat(s.mode()).isEqualTo(GatewayMode.KERNEL);
    assertThat(s.toString()).startsWith("kernel (");
  }

  @Test
  void userspaceWithTheCauseWhenItDoesNot() throws Exception {
    ModeSelection s = new ModeSelector(Map.of(), () -> true, () -> Optional.of("no module")).select();
    assertThat(s).isEqualTo(new ModeSelection(GatewayMode.USERSPACE, "no module"));
  }

  @Test
  void environmentForcesUserspaceWithoutProbing() throws Exception {
    AtomicInteger probes = new AtomicInteger();
    ModeSelector selector =
        new ModeSelector(
            Map.of("PORTCULLIS_USERSPACE", " True "),
            () -> true,
            () -> {
              probes.incrementAndGet();
              return Optional.empty();
            });
    assertThat(selector.select())
        .isEqualTo(new ModeSelection(GatewayMode.USERSPACE, "forced by PORTCULLIS_USERSPACE=True"));
    assertThat(probes).hasValue(0);
    ModeSelection notForced =
        new ModeSelector(Map.of("PORTCULLIS_USERSPACE", "false"), () -> true, Optional::empty).select();
    assertThat(notForced.mode()).isEqualTo(GatewayMode.KERNEL);
  }

  @Test
  void probesOnceAndKeepsTheAnswer() throws Exception {
    AtomicInteger probes = new AtomicInteger();
    ModeSelector selector =
        new ModeSelector(
            Map.of(),
            () -> true,
            () -> Optional.of("attempt " + probes.incrementAndGet()));
    assertThat(selector.select().reason()).isEqualTo("attempt 1");
    assertThat(selector.select().reason()).isEqualTo("attempt 1");
    assertThat(probes).hasValue(1);
  }

  @Test
  void aFailingProbeMeansUserspaceWithItsMessage() throws Exception {
    ModeSelection s =
        new ModeSelector(
                Map.of(),
                () -> true,
                () -> {
                  throw new IOException("socket: EAFNOSUPPORT");
                })
            .select();
    assertThat(s.mode()).isEqualTo(GatewayMode.USERSPACE);
    assertThat(s.reason()).contains("EAFNOSUPPORT");
  }

  @Test
  void missingCapNetAdminIsOneClearError() {
    ModeSelector selector = new ModeSelector(Map.of(), () -> false, Optional::empty);
    assertThatThrownBy(selector::select)
        .isInstanceOf(MissingCapabilityException.class)
        .hasMessageStartingWith("CAP_NET_ADMIN is required to create and configure the WireGuard interface")
        .hasMessageContaining("--cap-add NET_ADMIN");
  }

  @Test
  void thisHostAnswersThroughTheRealProbes() throws Exception {
    boolean netAdmin = (ProcessCalls.effectiveCapabilities() >>> ProcessCalls.CAP_NET_ADMIN & 1) == 1;
    ModeSelector selector = ModeSelector.forThisProcess();
    if (!netAdmin) {
      assertThatThrownBy(selector::select).isInstanceOf(MissingCapabilityException.class);
      return;
    }
    ModeSelection s = selector.select();
    Optional<String> cause = ModeSelector.probeKernelModule();
    if (System.getenv("PORTCULLIS_USERSPACE") == null) {
      assertThat(s.mode()).isEqualTo(cause.isEmpty() ? GatewayMode.KERNEL : GatewayMode.USERSPACE);
    }
    cause.ifPresent(c -> assertThat(c).contains("wireguard"));
  }
}
