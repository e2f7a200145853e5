package io.portcullis.gateway.netlink.wg;

/**
 * The WireGuard generic netlink contract, named as in {@code include/uapi/linux/wireguard.h} (family {@code
 * wireguard}, version 1). Commands: GET_DEVICE (dump only) and SET_DEVICE; attributes nest as device → peers →
 * peer → allowedips → allowedip.
 */
public final class WireGuardUapi {
  private WireGuardUapi() {}

  public static final String WG_GENL_NAME = "wireguard";
  public static final int WG_GENL_VERSION = 1;
  public static final int WG_KEY_LEN = 32;

  // enum wg_cmd.
  public static final int WG_CMD_GET_DEVICE = 0;
  public static final int WG_CMD_SET_DEVICE = 1;

  // enum wgdevice_flag.
  public static final int WGDEVICE_F_REPLACE_PEERS = 1;

  // enum wgdevice_attribute.
  public static final int WGDEVICE_A_IFINDEX = 1;
  public static final int WGDEVICE_A_IFNAME = 2;
  public static final int WGDEVICE_A_PRIVATE_KEY = 3;
  public static final int WGDEVICE_A_PUBLIC_KEY = 4;
  public static final int WGDEVICE_A_FLAGS = 5;
  public static final int WGDEVICE_A_LISTEN_PORT = 6;
  public static final int WGDEVICE_A_FWMARK = 7;
  public static final int WGDEVICE_A_PEERS = 8;

  // enum wgpeer_flag.
  public static final int WGPEER_F_REMOVE_ME = 1;
  public static final int WGPEER_F_REPLACE_ALLOWEDIPS = 1 << 1;
  public static final int WGPEER_F_UPDATE_ONLY = 1 << 2;

  // enum wgpeer_attribute.
  public static final int WGPEER_A_PUBLIC_KEY = 1;
  public static final int WGPEER_A_PRESHARED_KEY = 2;
  public static final int WGPEER_A_FLAGS = 3;
  public static final int WGPEER_A_ENDPOINT = 4;
  public static final int WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL = 5;
  public static final int WGPEER_A_LAST_HANDSHAKE_TIME = 6;
  public static final int WGPEER_A_RX_BYTES = 7;
  public static final int WGPEER_A_TX_BYTES = 8;
  public static final int WGPEER_A_ALLOWEDIPS = 9;
  public static final int WGPEER_A_PROTOCOL_VERSION = 10;

  // enum wgallowedip_attribute.
  public static final int WGALLOWEDIP_A_FAMILY = 1;
  public static final int WGALLOWEDIP_A_IPADDR = 2;
  public static final int WGALLOWEDIP_A_CIDR_MASK = 3;

  /** {@code struct sockaddr_in}: family (host order), port (network order), address, 8 bytes of zero. */
  public static final int SOCKADDR_IN_SIZE = 16;
  /** {@code struct sockaddr_in6}: family, port, flowinfo, 16-byte address, scope id. */
  public static final int SOCKADDR_IN6_SIZE = 28;
  /** {@code struct __kernel_timespec}: two signed 64-bit fields, seconds and nanoseconds. */
  public static final int KERNEL_TIMESPEC_SIZE = 16;

  /**
   * Largest SET_DEVICE message we send. wg(8) uses the smaller of the page size and 8 KiB (libmnl's socket
   * buffer size); we use 4 KiB everywhere so the split does not depend on the host.
   */
  public static final int MAX_SET_MESSAGE_SIZE = 4096;
}
