package io.portcullis.gateway.netlink.rtnl;

import io.portcullis.gateway.model.IpPrefix;

/**
 * An address assigned to an interface, as RTM_NEWADDR describes it.
 *
 * @param index the ifindex of the interface
 * @param prefix the local address with its prefix length
 */
public record Address(int index, IpPrefix prefix) {}
