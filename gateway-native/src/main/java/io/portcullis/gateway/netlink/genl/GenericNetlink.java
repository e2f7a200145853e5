package io.portcullis.gateway.netlink.genl;

import static io.portcullis.gateway.netlink.genl.GenericNetlinkUapi.*;

import io.portcullis.gateway.netlink.NetlinkAttributes;
import io.portcullis.gateway.netlink.NetlinkException;
import io.portcullis.gateway.netlink.NetlinkMessageWriter;
import io.portcullis.gateway.netlink.NetlinkSocket;
import io.portcullis.gateway.netlink.NetlinkUapi;
import io.portcullis.gateway.sys.Errno;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A generic netlink socket: resolves families by name (CTRL_CMD_GETFAMILY) and sends commands to them with the
 * {@code genlmsghdr} in front of the attributes. Thread-safe (requests are serialized on the socket).
 */
public final class GenericNetlink implements AutoCloseable {
  private final NetlinkSocket socket;

  private GenericNetlink(NetlinkSocket socket) {
    this.socket = socket;
  }

  /** Opens a generic netlink socket in the calling thread's network namespace. */
  public static GenericNetlink open() throws IOException {
    return new GenericNetlink(NetlinkSocket.open(NetlinkUapi.NETLINK_GENERIC));
  }

  /**
   * Looks a family up by name; empty when the kernel has no such family (ENOENT: module absent and not
   * auto-loadable). Other failures throw.
   */
  public Optional<GenericFamily> resolve(String name) throws IOException {
    List<GenericFamily> found = new ArrayList<>(1);
    try {
      socket.execute(
          "CTRL_CMD_GETFAMILY(" + name + ")",
          GENL_ID_CTRL,
          0,
          w -> {
            header(w, CTRL_CMD_GETFAMILY, 1);
            w.putString(CTRL_ATTR_FAMILY_NAME, name);
          },
          m -> {
            int id = -1;
            String familyName = "";
            int version = 0;
            int headerSize = 0;
            int maxAttribute = 0;
            NetlinkAttributes a = m.attributes(GENL_HDRLEN);
            while (a.next()) {
              switch (a.type()) {
                case CTRL_ATTR_FAMILY_ID -> id = a.u16();
                case CTRL_ATTR_FAMILY_NAME -> familyName = a.string();
                case CTRL_ATTR_VERSION -> version = a.u32();
                case CTRL_ATTR_HDRSIZE -> headerSize = a.u32();
                case CTRL_ATTR_MAXATTR -> maxAttribute = a.u32();
                default -> {}
              }
            }
            if (id >= 0) {
              found.add(new GenericFamily(id, familyName, version, headerSize, maxAttribute));
            }
          });
    } catch (NetlinkException e) {
      if (e.errno() == Errno.ENOENT) {
        return Optional.empty();
      }
      throw e;
    }
    return found.stream().findFirst();
  }

  /** Sends {@code cmd} to {@code family} and waits for the acknowledgement; replies go to {@code replies}. */
  public void execute(
      String what,
      GenericFamily family,
      int cmd,
      NetlinkSocket.RequestBody attributes,
      NetlinkSocket.ReplyHandler replies)
      throws IOException {
    socket.execute(
        what,
        family.id(),
        0,
        w -> {
          header(w, cmd, family.version());
          attributes.write(w);
        },
        replies);
  }

  /** Sends {@code cmd} as a dump request and hands every answer message to {@code each}. */
  public void dump(
      String what,
      GenericFamily family,
      int cmd,
      NetlinkSocket.RequestBody attributes,
      NetlinkSocket.ReplyHandler each)
      throws IOException {
    socket.dump(
        what,
        family.id(),
        w -> {
          header(w, cmd, family.version());
          attributes.write(w);
        },
        each);
  }

  /** Sends a complete message built beforehand (see {@link NetlinkSocket#execute(String, byte[], NetlinkSocket.ReplyHandler)}). */
  public void execute(String what, byte[] message) throws IOException {
    socket.execute(what, message, null);
  }

  /** Writes the {@code genlmsghdr}. */
  public static void header(NetlinkMessageWriter w, int cmd, int version) {
    int h = w.putStruct(GENL_HDRLEN);
    w.setU8(h + GENL_CMD_OFFSET, cmd);
    w.setU8(h + GENL_VERSION_OFFSET, version);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
