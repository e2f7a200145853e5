package io.portcullis.core.domain.model.location;

import io.portcullis.core.domain.model.group.Group;
import io.portcullis.core.domain.model.network.Cidr;
import io.portcullis.core.domain.model.network.Endpoint;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.user.User;
import io.portcullis.core.domain.model.wireguard.WireGuardKey;
import io.portcullis.core.domain.model.wireguard.WireGuardKeyPair;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A VPN location: one WireGuard interface served by its gateways. Each interface address ({@code 10.10.0.1/24})
 * is the gateway's own address and defines an address pool for devices. Access is by group: no allowed group
 * means every user may use it. Equal when persisted with the same id.
 */
@Entity
@Table(name = "vpn_location")
public class Location {

  private static final String SEPARATOR = ",";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @Column(name = "name", nullable = false, length = 64)
  private String name;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "vpn_location_address", joinColumns = @JoinColumn(name = "location_id"))
  @OrderColumn(name = "position")
  @Column(name = "interface_address", nullable = false, length = 64)
  private List<String> addresses = new ArrayList<>();

  @Column(name = "endpoint_host", nullable = false, length = 253)
  private String endpointHost;

  @Column(name = "endpoint_port", nullable = false)
  private int endpointPort;

  @Column(name = "listen_port", nullable = false)
  private int listenPort;

  @Column(name = "allowed_ips", nullable = false, length = 4000)
  private String allowedIps;

  @Column(name = "dns", length = 1000)
  private String dns;

  @Column(name = "mtu")
  private Integer mtu;

  @Column(name = "persistent_keepalive")
  private Integer persistentKeepalive;

  @Column(name = "mfa_required", nullable = false)
  private boolean mfaRequired;

  @Column(name = "public_key", nullable = false, length = 44)
  private String publicKey;

  @Column(name = "private_key", nullable = false, length = 44)
  private String privateKey;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  @ManyToMany
  @JoinTable(
      name = "vpn_location_allowed_group",
      joinColumns = @JoinColumn(name = "location_id"),
      inverseJoinColumns = @JoinColumn(name = "group_id"))
  private Set<Group> allowedGroups = new HashSet<>();

  protected Location() {}

  public Location(Name name, WireGuardKeyPair keys, Instant createdAt) {
    this.name = name.value();
    this.publicKey = keys.publicKey().base64();
    this.privateKey = keys.privateKey().base64();
    this.createdAt = createdAt;
  }

  /** Whether {@code user} may use this location: no allowed groups, or a group in common. */
  public boolean admits(User user) {
    if (allowedGroups.isEmpty()) {
      return true;
    }
    for (Group group : user.groups()) {
      if (allowedGroups.contains(group)) {
        return true;
      }
    }
    return false;
  }

  /** The pool whose network is {@code network}, if this location still has it. */
  public Cidr interfaceFor(String network) {
    for (Cidr address : interfaceAddresses()) {
      if (address.network().toString().equals(network)) {
        return address;
      }
    }
    return null;
  }

  public Long id() {
    return id;
  }

  public Name name() {
    return Name.of(name);
  }

  public void rename(Name newName) {
    this.name = newName.value();
  }

  /** The gateway's interface addresses, one per pool, in the order given. */
  public List<Cidr> interfaceAddresses() {
    return addresses.stream().map(Cidr::parse).toList();
  }

  public void setInterfaceAddresses(List<Cidr> newAddresses) {
    addresses.clear();
    newAddresses.forEach(a -> addresses.add(a.toString()));
  }

  public Endpoint endpoint() {
    return new Endpoint(endpointHost, endpointPort);
  }

  public void setEndpoint(Endpoint endpoint) {
    this.endpointHost = endpoint.host();
    this.endpointPort = endpoint.port();
  }

  public int listenPort() {
    return listenPort;
  }

  public void setListenPort(int port) {
    this.listenPort = port;
  }

  /** The routes pushed to clients (wg-quick AllowedIPs). */
  public List<Cidr> allowedIps() {
    return split(allowedIps).stream().map(Cidr::parse).toList();
  }

  public void setAllowedIps(List<Cidr> prefixes) {
    this.allowedIps = String.join(SEPARATOR, prefixes.stream().map(Cidr::toString).toList());
  }

  /** DNS servers and search domains for clients. */
  public List<String> dns() {
    return split(dns);
  }

  public void setDns(List<String> servers) {
    this.dns = servers.isEmpty() ? null : String.join(SEPARATOR, servers);
  }

  public Integer mtu() {
    return mtu;
  }

  public void setMtu(Integer mtu) {
    this.mtu = mtu;
  }

  public Integer persistentKeepalive() {
    return persistentKeepalive;
  }

  public void setPersistentKeepalive(Integer seconds) {
    this.persistentKeepalive = seconds;
  }

  /** Stored for a later release; not enforced yet. */
  public boolean mfaRequired() {
    return mfaRequired;
  }

  public void setMfaRequired(boolean required) {
    this.mfaRequired = required;
  }

  public WireGuardKey publicKey() {
    return WireGuardKey.parse(publicKey);
  }

  /** The interface's private key, for the gateways only; never in an API answer. */
  public WireGuardKey privateKey() {
    return WireGuardKey.parse(privateKey);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Set<Group> allowedGroups() {
    return allowedGroups;
  }

  public void setAllowedGroups(Collection<Group> groups) {
    allowedGroups.clear();
    allowedGroups.addAll(groups);
  }

  private static List<String> split(String joined) {
    return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(SEPARATOR));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Location other && id != null && id.equals(other.id);
  }

  @Override
  public int hashCode() {
    return Location.class.hashCode();
  }

  @Override
  public String toString() {
    return "Location[" + id + ", " + name + "]";
  }
}
