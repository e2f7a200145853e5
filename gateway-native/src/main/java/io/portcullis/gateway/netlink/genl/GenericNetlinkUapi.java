package io.portcullis.gateway.netlink.genl;

/**
 * Constants of generic netlink, named as in {@code include/uapi/linux/genetlink.h}.
 *
 * <pre>
 * struct genlmsghdr { __u8 cmd; __u8 version; __u16 reserved; };  // 4 bytes, right after the nlmsghdr
 * </pre>
 */
public final class GenericNetlinkUapi {
  private GenericNetlinkUapi() {}

  public static final int GENL_HDRLEN = 4;
  public static final int GENL_CMD_OFFSET = 0;
  public static final int GENL_VERSION_OFFSET = 1;

  /** The controller's fixed family id. */
  public static final int GENL_ID_CTRL = 0x10;
  public static final int CTRL_VERSION = 2;

  public static final int CTRL_CMD_NEWFAMILY = 1;
  public static final int CTRL_CMD_GETFAMILY = 3;

  public static final int CTRL_ATTR_FAMILY_ID = 1;
  public static final int CTRL_ATTR_FAMILY_NAME = 2;
  public static final int CTRL_ATTR_VERSION = 3;
  public static final int CTRL_ATTR_HDRSIZE = 4;
  public static final int CTRL_ATTR_MAXATTR = 5;
}
