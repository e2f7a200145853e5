package io.portcullis.gateway.netlink.wg;

import static io.portcullis.gateway.netlink.genl.GenericNetlinkUapi.GENL_HDRLEN;
import static io.portcullis.gateway.netlink.wg.WireGuardUapi.*;

import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerState;
import io.portcullis.gateway.netlink.MalformedNetlinkException;
import io.portcullis.gateway.netlink.NetlinkAttributes;
import io.portcullis.gateway.netlink.NetlinkMessage;
import io.portcullis.gateway.sys.SocketCalls;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the messages of one WG_CMD_GET_DEVICE dump into a {@link DeviceState}, the same model the userspace
 * device reports.
 *
 * <p>The kernel spreads a large device over several messages; when a peer's allowed IPs do not fit, the next
 * message starts with the same peer again (public key, then the remaining allowed IPs), so a first peer equal to
 * the last one seen is merged rather than added. Anything that breaks framing or has the wrong size is a {@link
 * MalformedNetlinkException}. Not thread-safe; one parser per dump.
 */
public final class GetDeviceParser {
  private static final ValueLayout.OfShort HOST_U16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
  private static final ValueLayout.OfShort NET_U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfInt HOST_U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
  private static final ValueLayout.OfLong HOST_S64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.nativeOrder());

  private String name = "";
  private Key privateKey;
  private Key publicKey;
  private int listenPort;
  private int fwmark;
  private final List<PeerBuilder> peers = new ArrayList<>();

  /** Takes one message of the dump (a WireGuard family message, genlmsghdr first). */
  public void accept(NetlinkMessage message) throws MalformedNetlinkException {
    NetlinkAttributes a = message.attributes(GENL_HDRLEN);
    while (a.next()) {
      switch (a.type()) {
        case WGDEVICE_A_IFNAME -> name = a.string();
        case WGDEVICE_A_PRIVATE_KEY -> privateKey = Key.of(a.bytes(WG_KEY_LEN));
        case WGDEVICE_A_PUBLIC_KEY -> publicKey = Key.of(a.bytes(WG_KEY_LEN));
        case WGDEVICE_A_LISTEN_PORT -> listenPort = a.u16();
        case WGDEVICE_A_FWMARK -> fwmark = a.u32();
        case WGDEVICE_A_PEERS -> acceptPeers(a.nested());
        default -> {}
      }
    }
  }

  private void acceptPeers(NetlinkAttributes list) throws MalformedNetlinkException {
    boolean firstInMessage = true;
    while (list.next()) {
      PeerBuilder parsed = new PeerBuilder();
      NetlinkAttributes p = list.nested();
      while (p.next()) {
        switch (p.type()) {
          case WGPEER_A_PUBLIC_KEY -> parsed.publicKey = Key.of(p.bytes(WG_KEY_LEN));
          case WGPEER_A_PRESHARED_KEY -> parsed.presharedKey = Key.of(p.bytes(WG_KEY_LEN));
          case WGPEER_A_ENDPOINT -> parsed.endpoint = endpoint(p);
          case WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL -> parsed.keepalive = p.u16();
          case WGPEER_A_LAST_HANDSHAKE_TIME -> parsed.lastHandshake = handshake(p);
          case WGPEER_A_RX_BYTES -> parsed.rx = p.u64();
          case WGPEER_A_TX_BYTES -> parsed.tx = p.u64();
          case WGPEER_A_PROTOCOL_VERSION -> parsed.protocolVersion = p.u32();
          case WGPEER_A_ALLOWEDIPS -> allowedIps(p.nested(), parsed.allowedIps);
          default -> {}
        }
      }
      if (parsed.publicKey == null) {
        throw new MalformedNetlinkException("peer without WGPEER_A_PUBLIC_KEY");
      }
      PeerBuilder last = peers.isEmpty() ? null : peers.get(peers.size() - 1);
      if (firstInMessage && last != null && last.publicKey.equals(parsed.publicKey)) {
        last.merge(parsed);
      } else {
        peers.add(parsed);
      }
      firstInMessage = false;
    }
  }

  private static void allowedIps(NetlinkAttributes list, List<IpPrefix> into) throws MalformedNetlinkException {
    while (list.next()) {
      NetlinkAttributes a = list.nested();
      int family = -1;
      byte[] address = null;
      int cidr = -1;
      while (a.next()) {
        switch (a.type()) {
          case WGALLOWEDIP_A_FAMILY -> family = a.u16();
          case WGALLOWEDIP_A_IPADDR -> address = a.bytes();
          case WGALLOWEDIP_A_CIDR_MASK -> cidr = a.u8();
          default -> {}
        }
      }
      int expected = family == SocketCalls.AF_INET ? 4 : family == SocketCalls.AF_INET6 ? 16 : -1;
      if (address == null || address.length != expected || cidr < 0 || cidr > expected * 8) {
        throw new MalformedNetlinkException("allowed IP with family " + family + " and mask " + cidr + " is invalid");
      }
      into.add(new IpPrefix(inet(address), cidr));
    }
  }

  private static InetSocketAddress endpoint(NetlinkAttributes a) throws MalformedNetlinkException {
    MemorySegment s = a.segment();
    long at = a.payloadOffset();
    int family = a.payloadLength() >= 2 ? Short.toUnsignedInt(s.get(HOST_U16, at)) : -1;
    if (family == SocketCalls.AF_INET && a.payloadLength() == SOCKADDR_IN_SIZE) {
      byte[] raw = s.asSlice(at + 4, 4).toArray(ValueLayout.JAVA_BYTE);
      return new InetSocketAddress(inet(raw), Short.toUnsignedInt(s.get(NET_U16, at + 2)));
    }
    if (family == SocketCalls.AF_INET6 && a.payloadLength() == SOCKADDR_IN6_SIZE) {
      byte[] raw = s.asSlice(at + 8, 16).toArray(ValueLayout.JAVA_BYTE);
      int scope = s.get(HOST_U32, at + 24);
      try {
        InetAddress address =
            scope != 0 ? java.net.Inet6Address.getByAddress(null, raw, scope) : InetAddress.getByAddress(raw);
        return new InetSocketAddress(address, Short.toUnsignedInt(s.get(NET_U16, at + 2)));
      } catch (UnknownHostException e) {
        throw new MalformedNetlinkException("bad IPv6 endpoint");
      }
    }
    throw new MalformedNetlinkException("endpoint of family " + family + " and " + a.payloadLength() + " bytes");
  }

  private static Optional<Instant> handshake(NetlinkAttributes a) throws MalformedNetlinkException {
    if (a.payloadLength() != KERNEL_TIMESPEC_SIZE) {
      throw new MalformedNetlinkException("last handshake time of " + a.payloadLength() + " bytes");
    }
    long seconds = a.segment().get(HOST_S64, a.payloadOffset());
    long nanos = a.segment().get(HOST_S64, a.payloadOffset() + 8);
    if (seconds == 0 && nanos == 0) {
      return Optional.empty();
    }
    if (nanos < 0 || nanos >= 1_000_000_000L || seconds < 0 || seconds > Instant.MAX.getEpochSecond()) {
      throw new MalformedNetlinkException("last handshake time out of range");
    }
    return Optional.of(Instant.ofEpochSecond(seconds, nanos));
  }

  private static InetAddress inet(byte[] raw) {
    try {
      return InetAddress.getByAddress(raw);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The device as collected so far (normally called after the dump ended). */
  public DeviceState result() {
    List<PeerState> states = new ArrayList<>(peers.size());
    for (PeerBuilder p : peers) {
      states.add(p.build());
    }
    return new DeviceState(
        name,
        Optional.ofNullable(privateKey).filter(k -> !k.isZero()),
        Optional.ofNullable(publicKey).filter(k -> !k.isZero()),
        listenPort,
        fwmark,
        states);
  }

  /** One peer while its messages arrive. */
  private static final class PeerBuilder {
    Key publicKey;
    Key presharedKey;
    InetSocketAddress endpoint;
    int keepalive;
    Optional<Instant> lastHandshake = Optional.empty();
    long rx;
    long tx;
    int protocolVersion;
    final List<IpPrefix> allowedIps = new ArrayList<>();

    void merge(PeerBuilder more) {
      if (more.presharedKey != null) {
        presharedKey = more.presharedKey;
      }
      if (more.endpoint != null) {
        endpoint = more.endpoint;
      }
      keepalive = Math.max(keepalive, more.keepalive);
      if (more.lastHandshake.isPresent()) {
        lastHandshake = more.lastHandshake;
      }
      rx = Math.max(rx, more.rx);
      tx = Math.max(tx, more.tx);
      protocolVersion = Math.max(protocolVersion, more.protocolVersion);
      allowedIps.addAll(more.allowedIps);
    }

    PeerState build() {
      return new PeerState(
          publicKey,
          Optional.ofNullable(presharedKey).filter(k -> !k.isZero()),
          Optional.ofNullable(endpoint),
          keepalive,
          lastHandshake,
          rx,
          tx,
          List.copyOf(allowedIps),
          protocolVersion == 0 ? 1 : protocolVersion);
    }
  }

  @Override
  public String toString() {
    return "GetDeviceParser[" + name + ", " + peers.size() + " peers]";
  }
}
