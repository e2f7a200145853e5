package io.portcullis.gateway.config;

import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerUpdate;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed wg-quick file: the {@code [Interface]} keys wg(8) knows (PrivateKey, ListenPort, FwMark), the keys
 * only wg-quick knows (Address, DNS, MTU, Table, hooks, SaveConfig), and the peers.
 *
 * @param file the file name as given, for messages
 * @param privateKey {@code PrivateKey}
 * @param listenPort {@code ListenPort}
 * @param fwmark {@code FwMark}; 0 for off
 * @param addresses {@code Address}, with the host part kept (10.0.0.1/24)
 * @param dns {@code DNS}: name server addresses and search domains, in order
 * @param mtu {@code MTU}
 * @param table {@code Table}: {@code off}, {@code auto} (absent), or a table number or name
 * @param preUp {@code PreUp} commands in order, {@code %i} not yet replaced
 * @param postUp {@code PostUp}
 * @param preDown {@code PreDown}
 * @param postDown {@code PostDown}
 * @param saveConfig {@code SaveConfig}
 * @param peers the {@code [Peer]} sections in order
 */
public record WgQuickConfig(
    String file,
    Optional<Key> privateKey,
    OptionalInt listenPort,
    int fwmark,
    List<IpPrefix> addresses,
    List<String> dns,
    OptionalInt mtu,
    String table,
    List<String> preUp,
    List<String> postUp,
    List<String> preDown,
    List<String> postDown,
    boolean saveConfig,
    List<WgQuickPeer> peers) {

  /** The {@code Table} value that means "no routes". */
  public static final String TABLE_OFF = "off";
  /** The {@code Table} value that means "the main table" (the default). */
  public static final String TABLE_AUTO = "auto";

  public WgQuickConfig {
    addresses = List.copyOf(addresses);
    dns = List.copyOf(dns);
    preUp = List.copyOf(preUp);
    postUp = List.copyOf(postUp);
    preDown = List.copyOf(preDown);
    postDown = List.copyOf(postDown);
    peers = List.copyOf(peers);
  }

  /**
   * The device configuration this file asks for, as {@code wg setconf} would apply it: all peers replaced.
   * Endpoints with host names are resolved now.
   *
   * @throws ConfigException naming the peer whose endpoint does not resolve
   */
  public DeviceUpdate toDeviceUpdate() throws ConfigException {
    return toDeviceUpdate(PeerEndpoint::resolve);
  }

  /** Like {@link #toDeviceUpdate()} with {@code resolver} turning endpoints into addresses (tests pass a fake). */
  public DeviceUpdate toDeviceUpdate(Resolver resolver) throws ConfigException {
    List<PeerUpdate> updates = new ArrayList<>(peers.size());
    for (WgQuickPeer p : peers) {
      Optional<InetSocketAddress> endpoint = Optional.empty();
      if (p.endpoint().isPresent()) {
        try {
          endpoint = Optional.of(resolver.resolve(p.endpoint().get()));
        } catch (UnknownHostException e) {
          throw new ConfigException(file, p.line(), "Endpoint",
              "cannot resolve host '" + p.endpoint().get().host() + "'");
        }
      }
      updates.add(new PeerUpdate(p.publicKey(), false, false, Optional.of(p.presharedKey().orElse(Key.zero())),
          endpoint, OptionalInt.of(p.persistentKeepalive()), true, p.allowedIps()));
    }
    return new DeviceUpdate(Optional.of(privateKey.orElse(Key.zero())), OptionalInt.of(listenPort.orElse(0)),
        OptionalInt.of(fwmark), true, updates);
  }

  /** Looks up the address of an endpoint. */
  @FunctionalInterface
  public interface Resolver {
    InetSocketAddress resolve(PeerEndpoint endpoint) throws UnknownHostException;
  }

  /** Whether routes should be added ({@code Table} is not {@code off}). */
  public boolean wantsRoutes() {
    return !TABLE_OFF.equalsIgnoreCase(table);
  }
}
