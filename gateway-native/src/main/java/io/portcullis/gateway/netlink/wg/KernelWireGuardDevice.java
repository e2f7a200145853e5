package io.portcullis.gateway.netlink.wg;

import static io.portcullis.gateway.netlink.wg.WireGuardUapi.*;

import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.WireGuardDevice;
import io.portcullis.gateway.netlink.genl.GenericFamily;
import io.portcullis.gateway.netlink.genl.GenericNetlink;
import io.portcullis.gateway.netlink.rtnl.RouteNetlink;
import io.portcullis.gateway.sys.Errno;
import io.portcullis.gateway.sys.SyscallException;
import java.io.IOException;
import java.util.List;

/**
 * A WireGuard interface run by the kernel module, configured over the {@code wireguard} generic netlink family
 * with no {@code wg} or {@code ip} binary: {@link #apply} sends WG_CMD_SET_DEVICE (split as the kernel needs),
 * {@link #state} reads a WG_CMD_GET_DEVICE dump into the model the userspace device reports.
 *
 * <p>Atomicity: the update is validated and fully encoded before the first message leaves, so an invalid update
 * changes nothing; an update large enough to need several messages is applied message by message by the kernel,
 * like wg(8) does. Thread-safe: the sockets serialize requests. Works in the network namespace of the thread that
 * created it.
 */
public final class KernelWireGuardDevice implements WireGuardDevice {
  private static final System.Logger LOG = System.getLogger(KernelWireGuardDevice.class.getName());

  private final String name;
  private final GenericNetlink genl;
  private final GenericFamily family;
  private final SetDeviceEncoder encoder;
  private final boolean owned;
  private volatile boolean closed;

  private KernelWireGuardDevice(String name, GenericNetlink genl, GenericFamily family, boolean owned) {
    this.name = name;
    this.owned = owned;
    this.genl = genl;
    this.family = family;
    this.encoder = new SetDeviceEncoder(family.id(), MAX_SET_MESSAGE_SIZE);
  }

  /**
   * Creates the interface {@code name} of kind {@code wireguard} (RTM_NEWLINK) and attaches to it.
   *
   * @throws SyscallException EOPNOTSUPP when the kernel has no WireGuard module, EEXIST when the name is taken,
   *     EPERM without CAP_NET_ADMIN
   */
  public static KernelWireGuardDevice create(String name) throws IOException {
    try (RouteNetlink rtnl = RouteNetlink.open()) {
      rtnl.createLink(name, WG_GENL_NAME);
    }
    try {
      KernelWireGuardDevice device = open(name, true);
      LOG.log(System.Logger.Level.INFO, "created kernel WireGuard interface {0}", name);
      return device;
    } catch (IOException | RuntimeException e) {
      try (RouteNetlink rtnl = RouteNetlink.open()) {
        rtnl.deleteLink(rtnl.linkIndex(name));
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Attaches to an existing kernel WireGuard interface; {@link #close()} then leaves the interface in place. */
  public static KernelWireGuardDevice attach(String name) throws IOException {
    return open(name, false);
  }

  private static KernelWireGuardDevice open(String name, boolean owned) throws IOException {
    GenericNetlink genl = GenericNetlink.open();
    try {
      GenericFamily family =
          genl.resolve(WG_GENL_NAME)
              .orElseThrow(
                  () ->
                      new SyscallException(
                          "CTRL_CMD_GETFAMILY(" + WG_GENL_NAME + ")",
                          Errno.ENOENT,
                          "the WireGuard kernel module is not loaded"));
      return new KernelWireGuardDevice(name, genl, family, owned);
    } catch (IOException | RuntimeException e) {
      genl.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String mode() {
    return "kernel";
  }

  /** The resolved family (its id differs between kernels). */
  public GenericFamily family() {
    return family;
  }

  @Override
  public void apply(DeviceUpdate update) throws IOException {
    ensureOpen();
    List<byte[]> messages = encoder.encode(name, update);
    for (int i = 0; i < messages.size(); i++) {
      genl.execute("WG_CMD_SET_DEVICE(" + name + ", part " + (i + 1) + "/" + messages.size() + ")", messages.get(i));
    }
  }

  @Override
  public DeviceState state() throws IOException {
    ensureOpen();
    GetDeviceParser parser = new GetDeviceParser();
    genl.dump(
        "WG_CMD_GET_DEVICE(" + name + ")",
        family,
        WG_CMD_GET_DEVICE,
        w -> w.putString(WGDEVICE_A_IFNAME, name),
        parser::accept);
    return parser.result();
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("kernel WireGuard device " + name + " is closed");
    }
  }

  /** Deletes the interface if {@link #create} made it, and closes the socket; idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (!owned) {
      genl.close();
      return;
    }
    try (genl;
        RouteNetlink rtnl = RouteNetlink.open()) {
      rtnl.findLink(name).ifPresent(link -> deleteQuietly(rtnl, link.index()));
    }
    LOG.log(System.Logger.Level.INFO, "deleted kernel WireGuard interface {0}", name);
  }

  private void deleteQuietly(RouteNetlink rtnl, int index) {
    try {
      rtnl.deleteLink(index);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not delete interface {0}: {1}", name, e.getMessage());
    }
  }
}
