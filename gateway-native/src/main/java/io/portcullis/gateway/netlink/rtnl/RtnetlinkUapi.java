package io.portcullis.gateway.netlink.rtnl;

/**
 * Constants of rtnetlink, named as in {@code include/uapi/linux/rtnetlink.h}, {@code if_link.h}, {@code
 * if_addr.h}, {@code if.h} and {@code veth.h}.
 *
 * <pre>
 * struct ifinfomsg { u8 ifi_family; u8 pad; u16 ifi_type; s32 ifi_index; u32 ifi_flags; u32 ifi_change; }  // 16
 * struct ifaddrmsg { u8 ifa_family; u8 ifa_prefixlen; u8 ifa_flags; u8 ifa_scope; u32 ifa_index; }        //  8
 * struct rtmsg { u8 rtm_family, rtm_dst_len, rtm_src_len, rtm_tos, rtm_table, rtm_protocol, rtm_scope,
 *                rtm_type; u32 rtm_flags; }                                                                 // 12
 * </pre>
 */
public final class RtnetlinkUapi {
  private RtnetlinkUapi() {}

  // Message types.
  public static final int RTM_NEWLINK = 16;
  public static final int RTM_DELLINK = 17;
  public static final int RTM_GETLINK = 18;
  public static final int RTM_SETLINK = 19;
  public static final int RTM_NEWADDR = 20;
  public static final int RTM_DELADDR = 21;
  public static final int RTM_GETADDR = 22;
  public static final int RTM_NEWROUTE = 24;
  public static final int RTM_DELROUTE = 25;
  public static final int RTM_GETROUTE = 26;

  // struct ifinfomsg.
  public static final int IFINFOMSG_SIZE = 16;
  public static final int IFI_FAMILY_OFFSET = 0;
  public static final int IFI_TYPE_OFFSET = 2;
  public static final int IFI_INDEX_OFFSET = 4;
  public static final int IFI_FLAGS_OFFSET = 8;
  public static final int IFI_CHANGE_OFFSET = 12;

  // enum IFLA_*.
  public static final int IFLA_ADDRESS = 1;
  public static final int IFLA_IFNAME = 3;
  public static final int IFLA_MTU = 4;
  public static final int IFLA_LINK = 5;
  public static final int IFLA_TXQLEN = 13;
  public static final int IFLA_OPERSTATE = 16;
  public static final int IFLA_LINKINFO = 18;
  public static final int IFLA_INFO_KIND = 1;
  public static final int IFLA_INFO_DATA = 2;
  public static final int VETH_INFO_PEER = 1;

  // Interface flags (net/if.h).
  public static final int IFF_UP = 0x1;
  public static final int IFF_BROADCAST = 0x2;
  public static final int IFF_LOOPBACK = 0x8;
  public static final int IFF_POINTOPOINT = 0x10;
  public static final int IFF_RUNNING = 0x40;
  public static final int IFF_NOARP = 0x80;
  public static final int IFF_LOWER_UP = 0x10000;

  // struct ifaddrmsg.
  public static final int IFADDRMSG_SIZE = 8;
  public static final int IFA_FAMILY_OFFSET = 0;
  public static final int IFA_PREFIXLEN_OFFSET = 1;
  public static final int IFA_FLAGS_OFFSET = 2;
  public static final int IFA_SCOPE_OFFSET = 3;
  public static final int IFA_INDEX_OFFSET = 4;

  // enum IFA_*.
  public static final int IFA_ADDRESS = 1;
  public static final int IFA_LOCAL = 2;
  public static final int IFA_LABEL = 3;

  // struct rtmsg.
  public static final int RTMSG_SIZE = 12;
  public static final int RTM_FAMILY_OFFSET = 0;
  public static final int RTM_DST_LEN_OFFSET = 1;
  public static final int RTM_TABLE_OFFSET = 4;
  public static final int RTM_PROTOCOL_OFFSET = 5;
  public static final int RTM_SCOPE_OFFSET = 6;
  public static final int RTM_TYPE_OFFSET = 7;

  // enum rtattr_type_t.
  public static final int RTA_DST = 1;
  public static final int RTA_OIF = 4;
  public static final int RTA_GATEWAY = 5;
  public static final int RTA_PRIORITY = 6;
  public static final int RTA_TABLE = 15;

  public static final int RT_TABLE_UNSPEC = 0;
  public static final int RT_TABLE_MAIN = 254;
  public static final int RTPROT_BOOT = 3;
  public static final int RT_SCOPE_UNIVERSE = 0;
  public static final int RT_SCOPE_LINK = 253;
  public static final int RT_SCOPE_NOWHERE = 255;
  public static final int RTN_UNICAST = 1;
}
