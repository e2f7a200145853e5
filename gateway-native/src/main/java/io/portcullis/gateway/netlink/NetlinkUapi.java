package io.portcullis.gateway.netlink;

/**
 * Constants of the netlink contract, named as in {@code include/uapi/linux/netlink.h}
 * (https://www.kernel.org/doc/html/latest/userspace-api/netlink/intro.html).
 *
 * <pre>
 * struct nlmsghdr {            struct nlattr {
 *   __u32 nlmsg_len;   // 0       __u16 nla_len;   // 0, header included, padding not
 *   __u16 nlmsg_type;  // 4       __u16 nla_type;  // 2, NLA_F_NESTED | NLA_F_NET_BYTEORDER | type
 *   __u16 nlmsg_flags; // 6     };                 // payload at 4, padded to NLA_ALIGNTO
 *   __u32 nlmsg_seq;   // 8
 *   __u32 nlmsg_pid;   // 12
 * };                   // 16 bytes, host byte order; messages padded to NLMSG_ALIGNTO
 * </pre>
 */
public final class NetlinkUapi {
  private NetlinkUapi() {}

  // Protocols (socket(AF_NETLINK, SOCK_RAW, protocol)).
  public static final int NETLINK_ROUTE = 0;
  public static final int NETLINK_GENERIC = 16;

  // Socket options at level SOL_NETLINK.
  public static final int SOL_NETLINK = 270;
  public static final int NETLINK_CAP_ACK = 10;
  public static final int NETLINK_EXT_ACK = 11;

  /** {@code struct sockaddr_nl { sa_family_t nl_family; u16 pad; u32 nl_pid; u32 nl_groups; }}. */
  public static final int SOCKADDR_NL_SIZE = 12;
  public static final int SOCKADDR_NL_PID_OFFSET = 4;

  // struct nlmsghdr.
  public static final int NLMSG_HDRLEN = 16;
  public static final int NLMSG_LEN_OFFSET = 0;
  public static final int NLMSG_TYPE_OFFSET = 4;
  public static final int NLMSG_FLAGS_OFFSET = 6;
  public static final int NLMSG_SEQ_OFFSET = 8;
  public static final int NLMSG_PID_OFFSET = 12;
  public static final int NLMSG_ALIGNTO = 4;

  // Control message types.
  public static final int NLMSG_NOOP = 1;
  public static final int NLMSG_ERROR = 2;
  public static final int NLMSG_DONE = 3;
  public static final int NLMSG_OVERRUN = 4;
  /** Types below this are reserved for control messages. */
  public static final int NLMSG_MIN_TYPE = 0x10;

  // nlmsg_flags: standard.
  public static final int NLM_F_REQUEST = 0x01;
  public static final int NLM_F_MULTI = 0x02;
  public static final int NLM_F_ACK = 0x04;
  public static final int NLM_F_ECHO = 0x08;
  public static final int NLM_F_DUMP_INTR = 0x10;
  public static final int NLM_F_DUMP_FILTERED = 0x20;
  // GET requests.
  public static final int NLM_F_ROOT = 0x100;
  public static final int NLM_F_MATCH = 0x200;
  public static final int NLM_F_ATOMIC = 0x400;
  public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
  // NEW requests.
  public static final int NLM_F_REPLACE = 0x100;
  public static final int NLM_F_EXCL = 0x200;
  public static final int NLM_F_CREATE = 0x400;
  public static final int NLM_F_APPEND = 0x800;
  // Flags of an NLMSG_ERROR acknowledgement.
  public static final int NLM_F_CAPPED = 0x100;
  public static final int NLM_F_ACK_TLVS = 0x200;

  /** {@code struct nlmsgerr { int error; struct nlmsghdr msg; }}, then TLVs when NLM_F_ACK_TLVS. */
  public static final int NLMSGERR_ERROR_OFFSET = 0;
  public static final int NLMSGERR_MSG_OFFSET = 4;

  // enum nlmsgerr_attrs (extended acknowledgements).
  public static final int NLMSGERR_ATTR_MSG = 1;
  public static final int NLMSGERR_ATTR_OFFS = 2;
  public static final int NLMSGERR_ATTR_COOKIE = 3;
  public static final int NLMSGERR_ATTR_POLICY = 4;
  public static final int NLMSGERR_ATTR_MISS_TYPE = 5;
  public static final int NLMSGERR_ATTR_MISS_NEST = 6;

  // struct nlattr.
  public static final int NLA_HDRLEN = 4;
  public static final int NLA_ALIGNTO = 4;
  public static final int NLA_F_NESTED = 1 << 15;
  public static final int NLA_F_NET_BYTEORDER = 1 << 14;
  public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

  /** {@code NLMSG_ALIGN}/{@code NLA_ALIGN}: rounds up to a multiple of 4. */
  public static int align(int length) {
    return (length + NLA_ALIGNTO - 1) & ~(NLA_ALIGNTO - 1);
  }

  /** Bytes an attribute with {@code payload} bytes takes, padding included. */
  public static int attributeSize(int payload) {
    return align(NLA_HDRLEN + payload);
  }
}
