package io.portcullis.gateway.netlink.wg;

import static io.portcullis.gateway.netlink.NetlinkUapi.NLA_HDRLEN;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLM_F_ACK;
import static io.portcullis.gateway.netlink.NetlinkUapi.NLM_F_REQUEST;
import static io.portcullis.gateway.netlink.NetlinkUapi.attributeSize;
import static io.portcullis.gateway.netlink.wg.WireGuardUapi.*;

import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.PeerUpdate;
import io.portcullis.gateway.netlink.NetlinkMessageWriter;
import io.portcullis.gateway.netlink.genl.GenericNetlink;
import io.portcullis.gateway.sys.SocketCalls;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link DeviceUpdate} into the WG_CMD_SET_DEVICE messages the kernel needs, split the way wg(8) splits
 * them when one message cannot hold everything:
 *
 * <ol>
 *   <li>Every message names the interface (WGDEVICE_A_IFNAME); only the first carries the device attributes
 *       (private key, listen port, fwmark, REPLACE_PEERS), so replacing the peers happens exactly once.
 *   <li>Peers are added to a message while they fit; a peer that does not fit at all starts the next message
 *       (also when the device attributes of the first message leave no room for any peer).
 *   <li>A peer whose allowed IPs do not fit is cut after the last allowed IP that fits and continues in the next
 *       message with only its public key, its UPDATE_ONLY/REMOVE_ME flags and the remaining allowed IPs: the
 *       preshared key, endpoint, keepalive and REPLACE_ALLOWEDIPS are sent once, in the first part.
 * </ol>
 *
 * <p>Attribute order follows wg(8): device IFNAME, PRIVATE_KEY, LISTEN_PORT, FWMARK, FLAGS, PEERS; peer
 * PUBLIC_KEY, PRESHARED_KEY, ENDPOINT, PERSISTENT_KEEPALIVE_INTERVAL, FLAGS, ALLOWEDIPS; allowed IP FAMILY,
 * IPADDR, CIDR_MASK. Nests carry NLA_F_NESTED. Sequence numbers are left 0 for the socket to fill. Validation
 * happens before any byte is produced, so an invalid update yields no message at all. Not thread-safe.
 */
public final class SetDeviceEncoder {
  private final int familyId;
  private final int maxMessageSize;
  private final byte[] scratch;

  /** An encoder for the family id the controller reported, with messages of at most {@code maxMessageSize}. */
  public SetDeviceEncoder(int familyId, int maxMessageSize) {
    this.familyId = familyId;
    this.maxMessageSize = maxMessageSize;
    this.scratch = new byte[maxMessageSize];
  }

  /** The messages for {@code update} on interface {@code ifname}, in the order they must be sent. */
  public List<byte[]> encode(String ifname, DeviceUpdate update) {
    validate(ifname, update);
    List<PeerUpdate> peers = update.peers();
    List<byte[]> messages = new ArrayList<>();
    NetlinkMessageWriter w = new NetlinkMessageWriter(MemorySegment.ofArray(scratch)).limit(maxMessageSize);
    int peer = 0;
    int allowedIp = 0;
    boolean first = true;
    do {
      w.begin(familyId, NLM_F_REQUEST | NLM_F_ACK, 0);
      GenericNetlink.header(w, WG_CMD_SET_DEVICE, WG_GENL_VERSION);
      w.putString(WGDEVICE_A_IFNAME, ifname);
      boolean deviceAttributesHere = first;
      if (first) {
        putDevice(w, update);
        first = false;
      }
      if (peer < peers.size()) {
        int peersNest = w.nestStart(WGDEVICE_A_PEERS);
        boolean any = false;
        while (peer < peers.size()) {
          PeerUpdate p = peers.get(peer);
          boolean continuation = allowedIp > 0;
          int needed = NLA_HDRLEN + peerHeadSize(p, continuation);
          if (allowedIp < p.allowedIps().size()) {
            needed += NLA_HDRLEN + allowedIpSize(p.allowedIps().get(allowedIp));
          }
          if (needed > w.remaining()) {
            if (!any && !deviceAttributesHere) {
              throw new IllegalStateException("one peer does not fit in " + maxMessageSize + " bytes");
            }
            break;
          }
          any = true;
          int peerNest = w.nestStart(0);
          putPeerHead(w, p, continuation);
          if (allowedIp < p.allowedIps().size()) {
            int ipsNest = w.nestStart(WGPEER_A_ALLOWEDIPS);
            while (allowedIp < p.allowedIps().size()
                && allowedIpSize(p.allowedIps().get(allowedIp)) <= w.remaining()) {
              putAllowedIp(w, p.allowedIps().get(allowedIp));
              allowedIp++;
            }
            w.nestEnd(ipsNest);
          }
          w.nestEnd(peerNest);
          if (allowedIp < p.allowedIps().size()) {
            break;
          }
          peer++;
          allowedIp = 0;
        }
        if (any) {
          w.nestEnd(peersNest);
        } else {
          // The device attributes took the room; the peers start in the next message.
          w.rewind(peersNest);
        }
      }
      messages.add(w.finish().toArray(ValueLayout.JAVA_BYTE));
    } while (peer < peers.size());
    return messages;
  }

  private static void putDevice(NetlinkMessageWriter w, DeviceUpdate update) {
    update.privateKey().ifPresent(k -> w.putBytes(WGDEVICE_A_PRIVATE_KEY, k.bytes()));
    update.listenPort().ifPresent(port -> w.putU16(WGDEVICE_A_LISTEN_PORT, port));
    update.fwmark().ifPresent(mark -> w.putU32(WGDEVICE_A_FWMARK, mark));
    if (update.replacePeers()) {
      w.putU32(WGDEVICE_A_FLAGS, WGDEVICE_F_REPLACE_PEERS);
    }
  }

  private static int peerFlags(PeerUpdate p, boolean continuation) {
    int flags = 0;
    if (p.remove()) {
      flags |= WGPEER_F_REMOVE_ME;
    }
    if (p.updateOnly()) {
      flags |= WGPEER_F_UPDATE_ONLY;
    }
    if (p.replaceAllowedIps() && !continuation && !p.remove()) {
      flags |= WGPEER_F_REPLACE_ALLOWEDIPS;
    }
    return flags;
  }

  private static int peerHeadSize(PeerUpdate p, boolean continuation) {
    int size = attributeSize(WG_KEY_LEN);
    if (!continuation && !p.remove()) {
      size += p.presharedKey().isPresent() ? attributeSize(WG_KEY_LEN) : 0;
      size += p.endpoint().map(e -> attributeSize(sockaddrSize(e))).orElse(0);
      size += p.persistentKeepalive().isPresent() ? attributeSize(2) : 0;
    }
    size += peerFlags(p, continuation) != 0 ? attributeSize(4) : 0;
    return size;
  }

  private static void putPeerHead(NetlinkMessageWriter w, PeerUpdate p, boolean continuation) {
    w.putBytes(WGPEER_A_PUBLIC_KEY, p.publicKey().bytes());
    if (!continuation && !p.remove()) {
      p.presharedKey().ifPresent(k -> w.putBytes(WGPEER_A_PRESHARED_KEY, k.bytes()));
      p.endpoint().ifPresent(e -> w.putBytes(WGPEER_A_ENDPOINT, sockaddr(e)));
      p.persistentKeepalive().ifPresent(s -> w.putU16(WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL, s));
    }
    int flags = peerFlags(p, continuation);
    if (flags != 0) {
      w.putU32(WGPEER_A_FLAGS, flags);
    }
  }

  /** Bytes one allowed IP takes inside the ALLOWEDIPS nest, its own nest header included. */
  static int allowedIpSize(IpPrefix prefix) {
    return NLA_HDRLEN + attributeSize(2) + attributeSize(prefix.isIpv4() ? 4 : 16) + attributeSize(1);
  }

  private static void putAllowedIp(NetlinkMessageWriter w, IpPrefix prefix) {
    int nest = w.nestStart(0);
    w.putU16(WGALLOWEDIP_A_FAMILY, prefix.isIpv4() ? SocketCalls.AF_INET : SocketCalls.AF_INET6);
    w.putBytes(WGALLOWEDIP_A_IPADDR, prefix.address().getAddress());
    w.putU8(WGALLOWEDIP_A_CIDR_MASK, prefix.length());
    w.nestEnd(nest);
  }

  private static int sockaddrSize(InetSocketAddress endpoint) {
    return endpoint.getAddress() instanceof Inet4Address ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_SIZE;
  }

  /** {@code struct sockaddr_in} or {@code sockaddr_in6} for an endpoint; family and scope in host order. */
  static byte[] sockaddr(InetSocketAddress endpoint) {
    byte[] raw = endpoint.getAddress().getAddress();
    byte[] sa = new byte[sockaddrSize(endpoint)];
    MemorySegment s = MemorySegment.ofArray(sa);
    ValueLayout.OfShort hostShort = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    ValueLayout.OfShort netShort = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    s.set(netShort, 2, (short) endpoint.getPort());
    if (raw.length == 4) {
      s.set(hostShort, 0, (short) SocketCalls.AF_INET);
      System.arraycopy(raw, 0, sa, 4, 4);
    } else {
      s.set(hostShort, 0, (short) SocketCalls.AF_INET6);
      System.arraycopy(raw, 0, sa, 8, 16);
      int scope = endpoint.getAddress() instanceof Inet6Address v6 ? v6.getScopeId() : 0;
      s.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder()), 24, scope);
    }
    return sa;
  }

  private static void validate(String ifname, DeviceUpdate update) {
    int nameLength = ifname.getBytes(StandardCharsets.UTF_8).length;
    if (nameLength == 0 || nameLength > 15) {
      throw new IllegalArgumentException("interface name must have 1 to 15 bytes: '" + ifname + "'");
    }
    update
        .listenPort()
        .ifPresent(
            port -> {
              if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("listen port " + port + " outside 0..65535");
              }
            });
    for (PeerUpdate p : update.peers()) {
      p.persistentKeepalive()
          .ifPresent(
              s -> {
                if (s < 0 || s > 65535) {
                  throw new IllegalArgumentException("persistent keepalive " + s + " outside 0..65535");
                }
              });
      p.endpoint()
          .ifPresent(
              e -> {
                if (e.isUnresolved() || e.getAddress() == null) {
                  throw new IllegalArgumentException("endpoint " + e + " is not resolved");
                }
              });
    }
  }
}
