package io.portcullis.gateway.mode;

import io.portcullis.gateway.netlink.genl.GenericNetlink;
import io.portcullis.gateway.netlink.wg.WireGuardUapi;
import io.portcullis.gateway.sys.ProcessCalls;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses between the kernel module and the userspace data plane once per process: {@code userspace} when
 * {@code PORTCULLIS_USERSPACE} says so (like defguard's DEFGUARD_USERSPACE), {@code kernel} when the {@code
 * wireguard} generic netlink family answers, {@code userspace} otherwise. The probe runs once, its reason is
 * kept and logged once (netty's {@code Epoll.unavailabilityCause()} pattern).
 *
 * <p>Both modes create network interfaces, so a missing CAP_NET_ADMIN is reported first, as one clear {@link
 * MissingCapabilityException}. Thread-safe.
 */
public final class ModeSelector {
  /** The environment variable that forces userspace mode when {@code true}, {@code 1} or {@code yes}. */
  public static final String USERSPACE_VARIABLE = "PORTCULLIS_USERSPACE";

  private static final System.Logger LOG = System.getLogger(ModeSelector.class.getName());

  /** Whether the process may configure network interfaces. */
  @FunctionalInterface
  public interface CapabilityProbe {
    boolean hasNetAdmin() throws IOException;
  }

  /** Why the kernel module cannot be used, or empty when it can. */
  @FunctionalInterface
  public interface KernelProbe {
    Optional<String> unavailabilityCause() throws IOException;
  }

  private final Map<String, String> environment;
  private final CapabilityProbe capabilities;
  private final KernelProbe kernel;
  private ModeSelection selection;

  public ModeSelector(Map<String, String> environment, CapabilityProbe capabilities, KernelProbe kernel) {
    this.environment = Map.copyOf(environment);
    this.capabilities = capabilities;
    this.kernel = kernel;
  }

  /** The selector for this process: its environment, capget(2), and a real genl family lookup. */
  public static ModeSelector forThisProcess() {
    return new ModeSelector(
        System.getenv(),
        () -> (ProcessCalls.effectiveCapabilities() >>> ProcessCalls.CAP_NET_ADMIN & 1) == 1,
        ModeSelector::probeKernelModule);
  }

  /** Asks the kernel for the {@code wireguard} generic netlink family (this auto-loads the module if it can). */
  public static Optional<String> probeKernelModule() throws IOException {
    try (GenericNetlink genl = GenericNetlink.open()) {
      if (genl.resolve(WireGuardUapi.WG_GENL_NAME).isPresent()) {
        return Optional.empty();
      }
      return Optional.of("the kernel has no WireGuard module (generic netlink family 'wireguard' not found)");
    }
  }

  /**
   * The mode, chosen on the first call and the same afterwards.
   *
   * @throws MissingCapabilityException when the process lacks CAP_NET_ADMIN (checked on every call until it
   *     succeeds, so a fixed deployment does not need a restart of this object)
   */
  public synchronized ModeSelection select() throws MissingCapabilityException {
    if (selection != null) {
      return selection;
    }
    boolean netAdmin;
    try {
      netAdmin = capabilities.hasNetAdmin();
    } catch (IOException e) {
      netAdmin = false;
    }
    if (!netAdmin) {
      throw new MissingCapabilityException("CAP_NET_ADMIN", "to create and configure the WireGuard interface");
    }
    selection = decide();
    LOG.log(System.Logger.Level.INFO, "WireGuard mode: {0}", selection);
    return selection;
  }

  private ModeSelection decide() {
    String forced = environment.get(USERSPACE_VARIABLE);
    if (forced != null && isTrue(forced)) {
      return new ModeSelection(GatewayMode.USERSPACE, "forced by " + USERSPACE_VARIABLE + "=" + forced.strip());
    }
    Optional<String> cause;
    try {
      cause = kernel.unavailabilityCause();
    } catch (IOException | RuntimeException e) {
      cause = Optional.of("probing the kernel module failed: " + e.getMessage());
    }
    if (cause.isEmpty()) {
      return new ModeSelection(GatewayMode.KERNEL, "the kernel WireGuard module answers over generic netlink");
    }
    return new ModeSelection(GatewayMode.USERSPACE, cause.get());
  }

  private static boolean isTrue(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    return v.equals("true") || v.equals("1") || v.equals("yes");
  }
}
