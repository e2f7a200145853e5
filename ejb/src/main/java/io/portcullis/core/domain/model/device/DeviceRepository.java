package io.portcullis.core.domain.model.device;

import io.portcullis.core.domain.model.location.Location;
import io.portcullis.core.domain.model.network.IpAddress;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.core.domain.model.user.User;
import io.portcullis.core.domain.model.wireguard.WireGuardKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where devices and their addresses are kept. */
public interface DeviceRepository {

  Optional<Device> find(long id);

  Optional<Device> findByPublicKey(WireGuardKey key);

  Optional<Device> findByOwnerAndName(User owner, String name);

  List<Device> ownedBy(User owner);

  List<Device> all();

  /** Devices matching all given filters (null = no filter), ordered by id. */
  Page<Device> list(DeviceFilter filter, PageRequest page);

  /** The addresses assigned in {@code pool} of {@code location}, including ones not yet flushed. */
  Set<IpAddress> takenAddresses(Location location, String pool);

  /** Every address assigned in {@code location}. */
  List<DeviceAddress> addressesIn(Location location);

  void add(Device device);

  void remove(Device device);

  /** Writes pending changes now, so constraint violations surface inside the calling method. */
  void flush();

  /** The list filters: {@code q} searches the device name and public key. */
  record DeviceFilter(String q, Long userId, String username, Long locationId) {}
}
