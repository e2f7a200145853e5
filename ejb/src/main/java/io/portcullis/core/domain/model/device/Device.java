package io.portcullis.core.domain.model.device;

import io.portcullis.core.domain.model.location.Location;
import io.portcullis.core.domain.model.network.IpAddress;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.user.User;
import io.portcullis.core.domain.model.wireguard.WireGuardKey;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's WireGuard peer, known by its public key, with one address per pool of every location its owner may
 * use. Equal when persisted with the same id.
 */
@Entity
@Table(name = "device")
public class Device {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "user_id", nullable = false)
  private User owner;

  @Column(name = "name", nullable = false, length = 64)
  private String name;

  @Column(name = "public_key", nullable = false, length = 44)
  private String publicKey;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  @OneToMany(mappedBy = "device", cascade = CascadeType.ALL, orphanRemoval = true)
  private List<DeviceAddress> addresses = new ArrayList<>();

  protected Device() {}

  public Device(User owner, Name name, WireGuardKey publicKey, Instant createdAt) {
    this.owner = owner;
    this.name = name.value();
    this.publicKey = publicKey.base64();
    this.createdAt = createdAt;
  }

  /** Records a new address of this device in {@code location}'s pool {@code pool}. */
  public DeviceAddress assign(Location location, String pool, IpAddress address) {
    DeviceAddress assigned = new DeviceAddress(this, location, pool, address);
    addresses.add(assigned);
    return assigned;
  }

  /** Forgets the address (the row is deleted with the transaction). */
  public void release(DeviceAddress address) {
    addresses.remove(address);
  }

  /** This device's addresses in {@code location}, in pool order of assignment. */
  public List<DeviceAddress> addressesIn(Location location) {
    return addresses.stream().filter(a -> a.location().equals(location)).toList();
  }

  public Long id() {
    return id;
  }

  public User owner() {
    return owner;
  }

  public Name name() {
    return Name.of(name);
  }

  public void rename(Name newName) {
    this.name = newName.value();
  }

  public WireGuardKey publicKey() {
    return WireGuardKey.parse(publicKey);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public List<DeviceAddress> addresses() {
    return addresses;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Device other && id != null && id.equals(other.id);
  }

  @Override
  public int hashCode() {
    return Device.class.hashCode();
  }

  @Override
  public String toString() {
    return "Device[" + id + ", " + name + "]";
  }
}
