package io.portcullis.gateway.netlink.wg;

import static io.portcullis.gateway.netlink.ExpectedBytes.attr;
import static io.portcullis.gateway.netlink.ExpectedBytes.concat;
import static io.portcullis.gateway.netlink.ExpectedBytes.genl;
import static io.portcullis.gateway.netlink.ExpectedBytes.message;
import static io.portcullis.gateway.netlink.ExpectedBytes.nest;
import static io.portcullis.gateway.netlink.ExpectedBytes.string;
import static io.portcullis.gateway.netlink.ExpectedBytes.u16;
import static io.portcullis.gateway.netlink.ExpectedBytes.u32;
import static io.portcullis.gateway.netlink.ExpectedBytes.u8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerUpdate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * WG_CMD_SET_DEVICE bytes compared with bytes built here from the numbers of include/uapi/linux/wireguard.h,
 * linux/netlink.h and linux/genetlink.h, written out literally so a wrong constant in production shows up.
 */
class SetDeviceEncoderTest {
  // include/uapi/linux/wireguard.h
  static final int WG_CMD_SET_DEVICE = 1;
  static final int WGDEVICE_F_REPLACE_PEERS = 1;
  static final int WGDEVICE_A_IFNAME = 2;
  static final int WGDEVICE_A_PRIVATE_KEY = 3;
  static final int WGDEVICE_A_FLAGS = 5;
  static final int WGDEVICE_A_LISTEN_PORT = 6;
  static final int WGDEVICE_A_FWMARK = 7;
  static final int WGDEVICE_A_PEERS = 8;
  static final int WGPEER_F_REMOVE_ME = 1;
  static final int WGPEER_F_REPLACE_ALLOWEDIPS = 2;
  static final int WGPEER_F_UPDATE_ONLY = 4;
  static final int WGPEER_A_PUBLIC_KEY = 1;
  static final int WGPEER_A_PRESHARED_KEY = 2;
  static final int WGPEER_A_FLAGS = 3;
  static final int WGPEER_A_ENDPOINT = 4;
  static final int WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL = 5;
  static final int WGPEER_A_ALLOWEDIPS = 9;
  static final int WGALLOWEDIP_A_FAMILY = 1;
  static final int WGALLOWEDIP_A_IPADDR = 2;
  static final int WGALLOWEDIP_A_CIDR_MASK = 3;
  // linux/netlink.h, linux/socket.h
  static final int NLM_F_REQUEST = 1;
  static final int NLM_F_ACK = 4;
  static final int AF_INET = 2;
  static final int AF_INET6 = 10;

  static final int FAMILY = 35;

  static Key key(int fill) {
    byte[] b = new byte[32];
    for (int i = 0; i < 32; i++) {
      b[i] = (byte) (fill + i);
    }
    return Key.of(b);
  }

  /** A distinct key for every {@code n} below 65536. */
  static Key numbered(int n) {
    byte[] b = new byte[32];
    b[0] = (byte) (n >> 8);
    b[1] = (byte) n;
    b[31] = 0x55;
    return Key.of(b);
  }

  static PeerUpdate peer(Key pub, List<IpPrefix> ips) {
    return new PeerUpdate(
        pub, false, false, Optional.empty(), Optional.empty(), OptionalInt.empty(), false, ips);
  }

  static byte[] allowedIp(String prefix) {
    IpPrefix p = IpPrefix.parse(prefix);
    return nest(
        0,
        u16(WGALLOWEDIP_A_FAMILY, p.isIpv4() ? AF_INET : AF_INET6),
        attr(WGALLOWEDIP_A_IPADDR, p.address().getAddress()),
        u8(WGALLOWEDIP_A_CIDR_MASK, p.length()));
  }

  static byte[] sockaddrIn(String ip, int port) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) AF_INET);
    b.order(ByteOrder.BIG_ENDIAN).putShort((short) port);
    b.put(InetAddress.getByName(ip).getAddress());
    return b.array();
  }

  static byte[] sockaddrIn6(String ip, int port) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) AF_INET6);
    b.order(ByteOrder.BIG_ENDIAN).putShort((short) port).putInt(0);
    b.put(InetAddress.getByName(ip).getAddress());
    b.putInt(0);
    return b.array();
  }

  @Test
  void productionConstantsMatchTheHeader() {
    assertThat(WireGuardUapi.WG_CMD_SET_DEVICE).isEqualTo(WG_CMD_SET_DEVICE);
    assertThat(WireGuardUapi.WGDEVICE_A_PEERS).isEqualTo(WGDEVICE_A_PEERS);
    assertThat(WireGuardUapi.WGPEER_A_ALLOWEDIPS).isEqualTo(WGPEER_A_ALLOWEDIPS);
    assertThat(WireGuardUapi.WGPEER_F_UPDATE_ONLY).isEqualTo(WGPEER_F_UPDATE_ONLY);
    assertThat(WireGuardUapi.WGALLOWEDIP_A_CIDR_MASK).isEqualTo(WGALLOWEDIP_A_CIDR_MASK);
  }

  @Test
  void fullSingleMessageIsByteExact() throws Exception {
    Key priv = key(1);
    Key a = key(0x40);
    Key psk = key(0x80);
    Key b = key(0xc0);
    Key c = key(0x20);
    DeviceUpdate update =
        new DeviceUpdate(
            Optional.of(priv),
            OptionalInt.of(51820),
            OptionalInt.of(0x1234),
            true,
            List.of(
                new PeerUpdate(
                    a,
                    false,
                    false,
                    Optional.of(psk),
                    Optional.of(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 51821)),
                    OptionalInt.of(25),
                    true,
                    List.of(IpPrefix.parse("10.0.0.2/32"), IpPrefix.parse("fd00::2/128"))),
                new PeerUpdate(
                    b,
                    false,
                    true,
                    Optional.empty(),
                    Optional.of(new InetSocketAddress(InetAddress.getByName("2001:db8::9"), 443)),
                    OptionalInt.empty(),
                    false,
                    List.of()),
                new PeerUpdate(
                    c, true, false, Optional.empty(), Optional.empty(), OptionalInt.empty(), false, List.of())));

    List<byte[]> out = new SetDeviceEncoder(FAMILY, 4096).encode("wg0", update);

    byte[] expected =
        message(
            FAMILY,
            NLM_F_REQUEST | NLM_F_ACK,
            0,
            genl(WG_CMD_SET_DEVICE, 1),
            string(WGDEVICE_A_IFNAME, "wg0"),
            attr(WGDEVICE_A_PRIVATE_KEY, priv.bytes()),
            u16(WGDEVICE_A_LISTEN_PORT, 51820),
            u32(WGDEVICE_A_FWMARK, 0x1234),
            u32(WGDEVICE_A_FLAGS, WGDEVICE_F_REPLACE_PEERS),
            nest(
                WGDEVICE_A_PEERS,
                nest(
                    0,
                    attr(WGPEER_A_PUBLIC_KEY, a.bytes()),
                    attr(WGPEER_A_PRESHARED_KEY, psk.bytes()),
                    attr(WGPEER_A_ENDPOINT, sockaddrIn("192.0.2.7", 51821)),
                    u16(WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL, 25),
                    u32(WGPEER_A_FLAGS, WGPEER_F_REPLACE_ALLOWEDIPS),
                    nest(WGPEER_A_ALLOWEDIPS, allowedIp("10.0.0.2/32"), allowedIp("fd00::2/128"))),
                nest(
                    0,
                    attr(WGPEER_A_PUBLIC_KEY, b.bytes()),
                    attr(WGPEER_A_ENDPOINT, sockaddrIn6("2001:db8::9", 443)),
                    u32(WGPEER_A_FLAGS, WGPEER_F_UPDATE_ONLY)),
                nest(0, attr(WGPEER_A_PUBLIC_KEY, c.bytes()), u32(WGPEER_A_FLAGS, WGPEER_F_REMOVE_ME))));
    assertThat(out).hasSize(1);
    assertThat(HexFormat.of().formatHex(out.get(0))).isEqualTo(HexFormat.of().formatHex(expected));
  }

  @Test
  void splitAcrossMessagesIsByteExact() throws Exception {
    Key priv = key(3);
    Key a = key(0x50);
    Key c = key(0x60);
    List<IpPrefix> ips = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      ips.add(IpPrefix.parse("10.9.0." + i + "/32"));
    }
    DeviceUpdate update =
        new DeviceUpdate(
            Optional.of(priv),
            OptionalInt.of(1000),
            OptionalInt.empty(),
            true,
            List.of(
                new PeerUpdate(
                    a, false, false, Optional.empty(), Optional.empty(), OptionalInt.of(5), true, ips),
                new PeerUpdate(
                    c, true, false, Optional.empty(), Optional.empty(), OptionalInt.empty(), false, List.of())));

    // 256 bytes: the first message ends exactly after the fourth allowed IP (see the sizes below).
    List<byte[]> out = new SetDeviceEncoder(FAMILY, 256).encode("wg0", update);

    byte[] first =
        message(
            FAMILY,
            NLM_F_REQUEST | NLM_F_ACK,
            0,
            genl(WG_CMD_SET_DEVICE, 1), // 20
            string(WGDEVICE_A_IFNAME, "wg0"), // 28
            attr(WGDEVICE_A_PRIVATE_KEY, priv.bytes()), // 64
            u16(WGDEVICE_A_LISTEN_PORT, 1000), // 72
            u32(WGDEVICE_A_FLAGS, WGDEVICE_F_REPLACE_PEERS), // 80
            nest(
                WGDEVICE_A_PEERS, // 84
                nest(
                    0, // 88
                    attr(WGPEER_A_PUBLIC_KEY, a.bytes()), // 124
                    u16(WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL, 5), // 132
                    u32(WGPEER_A_FLAGS, WGPEER_F_REPLACE_ALLOWEDIPS), // 140
                    nest(
                        WGPEER_A_ALLOWEDIPS, // 144, then 28 per allowed IP
                        allowedIp("10.9.0.1/32"),
                        allowedIp("10.9.0.2/32"),
                        allowedIp("10.9.0.3/32"),
                        allowedIp("10.9.0.4/32")))));
    byte[] second =
        message(
            FAMILY,
            NLM_F_REQUEST | NLM_F_ACK,
            0,
            genl(WG_CMD_SET_DEVICE, 1),
            string(WGDEVICE_A_IFNAME, "wg0"),
            nest(
                WGDEVICE_A_PEERS,
                // The continuation: public key and the remaining allowed IPs only; REPLACE_ALLOWEDIPS was sent.
                nest(
                    0,
                    attr(WGPEER_A_PUBLIC_KEY, a.bytes()),
                    nest(WGPEER_A_ALLOWEDIPS, allowedIp("10.9.0.5/32"), allowedIp("10.9.0.6/32"))),
                nest(0, attr(WGPEER_A_PUBLIC_KEY, c.bytes()), u32(WGPEER_A_FLAGS, WGPEER_F_REMOVE_ME))));
    assertThat(first).hasSize(256);
    assertThat(out).hasSize(2);
    assertThat(HexFormat.of().formatHex(out.get(0))).isEqualTo(HexFormat.of().formatHex(first));
    assertThat(HexFormat.of().formatHex(out.get(1))).isEqualTo(HexFormat.of().formatHex(second));
  }

  @Test
  void largePeerSetsSplitUnderTheLimitAndLoseNothing() throws Exception {
    List<PeerUpdate> peers = new ArrayList<>();
    int expectedIps = 0;
    for (int p = 0; p < 300; p++) {
      List<IpPrefix> ips = new ArrayList<>();
      int count = p % 50 == 0 ? 400 : 1 + p % 3;
      for (int i = 0; i < count; i++) {
        ips.add(i % 2 == 0 ? IpPrefix.parse("10." + p / 256 + "." + p % 256 + "." + i % 256 + "/32")
            : IpPrefix.parse("fd00::" + Integer.toHexString(p) + ":" + Integer.toHexString(i) + "/128"));
      }
      expectedIps += count;
      peers.add(
          new PeerUpdate(
              numbered(p), false, p % 7 == 0, Optional.of(key(p)), Optional.empty(), OptionalInt.of(p), true, ips));
    }
    DeviceUpdate update =
        new DeviceUpdate(Optional.of(key(9)), OptionalInt.of(1), OptionalInt.empty(), true, peers);

    List<byte[]> out = new SetDeviceEncoder(FAMILY, 4096).encode("wg-big", update);

    assertThat(out.size()).isGreaterThan(10);
    SetDeviceDecoder decoded = new SetDeviceDecoder();
    for (int i = 0; i < out.size(); i++) {
      byte[] m = out.get(i);
      assertThat(m.length).isLessThanOrEqualTo(4096);
      decoded.decode(m, i == 0);
    }
    assertThat(decoded.replacePeersCount).isEqualTo(1);
    assertThat(decoded.peerKeysInOrder()).containsExactlyElementsOf(peers.stream().map(PeerUpdate::publicKey).toList());
    for (PeerUpdate p : peers) {
      assertThat(decoded.allowedIps.get(p.publicKey())).containsExactlyElementsOf(p.allowedIps());
      assertThat(decoded.replaceAllowedIpsCount.get(p.publicKey())).isEqualTo(1);
      assertThat(decoded.presharedKeyCount.get(p.publicKey())).isEqualTo(1);
      assertThat(decoded.updateOnlyEverywhere.get(p.publicKey())).isEqualTo(p.updateOnly());
    }
    assertThat(decoded.allowedIps.values().stream().mapToInt(List::size).sum()).isEqualTo(expectedIps);
  }

  @Test
  void invalidUpdatesProduceNoMessage() throws Exception {
    SetDeviceEncoder encoder = new SetDeviceEncoder(FAMILY, 4096);
    DeviceUpdate badPort =
        new DeviceUpdate(Optional.empty(), OptionalInt.of(70000), OptionalInt.empty(), false, List.of());
    assertThatThrownBy(() -> encoder.encode("wg0", badPort)).isInstanceOf(IllegalArgumentException.class);
    DeviceUpdate unresolved =
        new DeviceUpdate(
            Optional.empty(),
            OptionalInt.empty(),
            OptionalInt.empty(),
            false,
            List.of(
                new PeerUpdate(
                    key(1),
                    false,
                    false,
                    Optional.empty(),
                    Optional.of(InetSocketAddress.createUnresolved("example.invalid", 1)),
                    OptionalInt.empty(),
                    false,
                    List.of())));
    assertThatThrownBy(() -> encoder.encode("wg0", unresolved)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> encoder.encode("a-name-too-long-x", badPort)).isInstanceOf(IllegalArgumentException.class);
  }
}
