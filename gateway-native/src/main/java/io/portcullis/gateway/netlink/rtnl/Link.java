package io.portcullis.gateway.netlink.rtnl;

import java.util.Optional;

/**
 * A network interface as RTM_NEWLINK describes it.
 *
 * @param index the ifindex
 * @param name the interface name
 * @param mtu the MTU in bytes
 * @param flags {@code IFF_*} flags
 * @param kind the link kind ({@code veth}, {@code wireguard}, {@code tun}), empty for physical devices
 */
public record Link(int index, String name, int mtu, int flags, Optional<String> kind) {

  /** Whether the administrative state is up ({@code IFF_UP}). */
  public boolean isUp() {
    return (flags & RtnetlinkUapi.IFF_UP) != 0;
  }
}
