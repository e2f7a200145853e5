package io.portcullis.core.domain.model.device;

import io.portcullis.core.domain.model.location.Location;
import io.portcullis.core.domain.model.network.IpAddress;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * One address of a device in one pool of one location; {@code pool} is the pool's network ({@code 10.10.0.0/24}).
 * The database keeps addresses unique per location.
 */
@Entity
@Table(name = "device_address")
public class DeviceAddress {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "device_id", nullable = false)
  private Device device;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "location_id", nullable = false)
  private Location location;

  @Column(name = "pool", nullable = false, length = 64)
  private String pool;

  @Column(name = "address", nullable = false, length = 64)
  private String address;

  protected DeviceAddress() {}

  DeviceAddress(Device device, Location location, String pool, IpAddress address) {
    this.device = device;
    this.location = location;
    this.pool = pool;
    this.address = address.toString();
  }

  public Long id() {
    return id;
  }

  public Device device() {
    return device;
  }

  public Location location() {
    return location;
  }

  /** The network of the pool this address was taken from. */
  public String pool() {
    return pool;
  }

  /** Moves the address to a changed pool that still contains it. */
  public void movePool(String newPool) {
    this.pool = newPool;
  }

  public IpAddress address() {
    return IpAddress.parse(address);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceAddress other && id != null && id.equals(other.id);
  }

  @Override
  public int hashCode() {
    return DeviceAddress.class.hashCode();
  }
}
