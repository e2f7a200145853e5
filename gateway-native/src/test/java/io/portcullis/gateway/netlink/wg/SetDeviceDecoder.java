package io.portcullis.gateway.netlink.wg;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads WG_CMD_SET_DEVICE messages back the way the kernel's set_device does, with plain ByteBuffers (no
 * production parsing code), and records what a kernel would have applied across all messages.
 */
final class SetDeviceDecoder {
  final Map<Key, List<IpPrefix>> allowedIps = new LinkedHashMap<>();
  final Map<Key, Integer> replaceAllowedIpsCount = new HashMap<>();
  final Map<Key, Integer> presharedKeyCount = new HashMap<>();
  final Map<Key, Boolean> updateOnlyEverywhere = new HashMap<>();
  int replacePeersCount;

  List<Key> peerKeysInOrder() {
    return new ArrayList<>(allowedIps.keySet());
  }

  void decode(byte[] message, boolean first) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getInt(0)).isEqualTo(message.length);
    assertThat(message[16]).isEqualTo((byte) SetDeviceEncoderTest.WG_CMD_SET_DEVICE);
    int pos = 20;
    boolean sawName = false;
    while (pos < message.length) {
      int len = b.getShort(pos) & 0xffff;
      int type = b.getShort(pos + 2) & 0x3fff;
      switch (type) {
        case SetDeviceEncoderTest.WGDEVICE_A_IFNAME -> sawName = true;
        case SetDeviceEncoderTest.WGDEVICE_A_PRIVATE_KEY, SetDeviceEncoderTest.WGDEVICE_A_LISTEN_PORT ->
            assertThat(first).as("device attributes only in the first message").isTrue();
        case SetDeviceEncoderTest.WGDEVICE_A_FLAGS -> {
          assertThat(first).isTrue();
          if ((b.getInt(pos + 4) & SetDeviceEncoderTest.WGDEVICE_F_REPLACE_PEERS) != 0) {
            replacePeersCount++;
          }
        }
        case SetDeviceEncoderTest.WGDEVICE_A_PEERS -> peers(b, pos + 4, pos + len);
        default -> throw new AssertionError("unexpected device attribute " + type);
      }
      pos += (len + 3) & ~3;
    }
    assertThat(sawName).isTrue();
  }

  private void peers(ByteBuffer b, int start, int end) throws Exception {
    int pos = start;
    while (pos < end) {
      int len = b.getShort(pos) & 0xffff;
      peer(b, pos + 4, pos + len);
      pos += (len + 3) & ~3;
    }
  }

  private void peer(ByteBuffer b, int start, int end) throws Exception {
    Key key = null;
    int flags = 0;
    boolean psk = false;
    List<IpPrefix> ips = new ArrayList<>();
    int pos = start;
    while (pos < end) {
      int len = b.getShort(pos) & 0xffff;
      int type = b.getShort(pos + 2) & 0x3fff;
      switch (type) {
        case SetDeviceEncoderTest.WGPEER_A_PUBLIC_KEY -> {
          byte[] k = new byte[32];
          b.get(pos + 4, k);
          key = Key.of(k);
        }
        case SetDeviceEncoderTest.WGPEER_A_FLAGS -> flags = b.getInt(pos + 4);
        case SetDeviceEncoderTest.WGPEER_A_PRESHARED_KEY -> psk = true;
        case SetDeviceEncoderTest.WGPEER_A_ALLOWEDIPS -> allowed(b, pos + 4, pos + len, ips);
        default -> {}
      }
      pos += (len + 3) & ~3;
    }
    assertThat(key).as("public key first in every peer").isNotNull();
    allowedIps.computeIfAbsent(key, k -> new ArrayList<>()).addAll(ips);
    if ((flags & SetDeviceEncoderTest.WGPEER_F_REPLACE_ALLOWEDIPS) != 0) {
      replaceAllowedIpsCount.merge(key, 1, Integer::sum);
    }
    if (psk) {
      presharedKeyCount.merge(key, 1, Integer::sum);
    }
    boolean updateOnly = (flags & SetDeviceEncoderTest.WGPEER_F_UPDATE_ONLY) != 0;
    Boolean before = updateOnlyEverywhere.put(key, updateOnly);
    assertThat(before == null || before == updateOnly).as("UPDATE_ONLY the same in every part").isTrue();
  }

  private static void allowed(ByteBuffer b, int start, int end, List<IpPrefix> into) throws Exception {
    int pos = start;
    while (pos < end) {
      int len = b.getShort(pos) & 0xffff;
      int family = -1;
      byte[] addr = null;
      int cidr = -1;
      int p = pos + 4;
      while (p < pos + len) {
        int l = b.getShort(p) & 0xffff;
        int t = b.getShort(p + 2) & 0x3fff;
        if (t == SetDeviceEncoderTest.WGALLOWEDIP_A_FAMILY) {
          family = b.getShort(p + 4);
        } else if (t == SetDeviceEncoderTest.WGALLOWEDIP_A_IPADDR) {
          addr = new byte[l - 4];
          b.get(p + 4, addr);
        } else if (t == SetDeviceEncoderTest.WGALLOWEDIP_A_CIDR_MASK) {
          cidr = b.get(p + 4) & 0xff;
        }
        p += (l + 3) & ~3;
      }
      assertThat(family).isIn(SetDeviceEncoderTest.AF_INET, SetDeviceEncoderTest.AF_INET6);
      into.add(new IpPrefix(InetAddress.getByAddress(addr), cidr));
      pos += (len + 3) & ~3;
    }
  }
}
