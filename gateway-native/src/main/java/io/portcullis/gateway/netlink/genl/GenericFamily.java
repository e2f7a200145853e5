package io.portcullis.gateway.netlink.genl;

/**
 * A generic netlink family as the controller describes it; the id is assigned at registration and differs
 * between kernels, so it is always looked up by name.
 *
 * @param id the nlmsg_type to address the family with
 * @param name e.g. {@code wireguard}
 * @param version the family's protocol version
 * @param headerSize bytes of family header after the genlmsghdr
 * @param maxAttribute the highest attribute type the family accepts
 */
public record GenericFamily(int id, String name, int version, int headerSize, int maxAttribute) {}
