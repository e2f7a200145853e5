package io.portcullis.core.application.internal;

import io.portcullis.core.application.ConflictException;
import io.portcullis.core.domain.model.device.Device;
import io.portcullis.core.domain.model.device.DeviceAddress;
import io.portcullis.core.domain.model.device.DeviceRepository;
import io.portcullis.core.domain.model.location.Location;
import io.portcullis.core.domain.model.location.LocationRepository;
import io.portcullis.core.domain.model.network.Cidr;
import io.portcullis.core.domain.model.network.IpAddress;
import io.portcullis.core.domain.service.AddressAllocator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps device addresses in line with access: a device holds one address in every pool of every location its
 * owner may use, and none elsewhere. Runs in the caller's transaction and locks each location it assigns in
 * (ascending id), so concurrent assignments in one location take turns; the unique key on
 * (location, address) is the backstop.
 */
@ApplicationScoped
public class AddressAssignments {

  @Inject private LocationRepository locations;
  @Inject private DeviceRepository devices;

  /**
   * Adds missing and removes unwarranted addresses of {@code targets} in {@code scope}.
   *
   * @return the ids of locations whose peers changed
   * @throws ConflictException if a pool has no free address left
   */
  public Set<Long> reconcile(Collection<Device> targets, Collection<Location> scope) throws ConflictException {
    Set<Long> changed = new HashSet<>();
    List<Location> ordered = new ArrayList<>(scope);
    ordered.sort(Comparator.comparing(Location::id));
    for (Location location : ordered) {
      List<Device> admitted = new ArrayList<>();
      for (Device device : targets) {
        if (location.admits(device.owner())) {
          admitted.add(device);
        } else {
          for (DeviceAddress address : device.addressesIn(location)) {
            device.release(address);
            changed.add(location.id());
          }
        }
      }
      if (!admitted.isEmpty() && assignMissing(location, admitted)) {
        changed.add(location.id());
      }
    }
    return changed;
  }

  private boolean assignMissing(Location location, List<Device> admitted) throws ConflictException {
    boolean locked = false;
    boolean assigned = false;
    Map<String, Set<IpAddress>> takenByPool = new HashMap<>();
    for (Cidr gatewayInterface : location.interfaceAddresses()) {
      String pool = gatewayInterface.network().toString();
      for (Device device : admitted) {
        boolean hasOne = device.addressesIn(location).stream().anyMatch(a -> a.pool().equals(pool));
        if (hasOne) {
          continue;
        }
        if (!locked) {
          locations.lock(location);
          locked = true;
        }
        Set<IpAddress> taken = takenByPool.computeIfAbsent(pool, p -> devices.takenAddresses(location, p));
        IpAddress address =
            AddressAllocator.lowestFree(gatewayInterface, taken)
                .orElseThrow(() -> poolExhausted(location, gatewayInterface));
        taken.add(address);
        device.assign(location, pool, address);
        assigned = true;
      }
    }
    return assigned;
  }

  private static ConflictException poolExhausted(Location location, Cidr gatewayInterface) {
    return new ConflictException(
        "pool-exhausted",
        "Address pool "
            + gatewayInterface.network()
            + " of location '"
            + location.name()
            + "' is full ("
            + AddressAllocator.capacity(gatewayInterface)
            + " device addresses)");
  }

  /**
   * Moves the existing assignments of {@code location} onto its new interface addresses, or refuses.
   *
   * @throws ConflictException naming the devices whose address would no longer fit any new pool
   */
  public void repool(Location location, List<Cidr> newInterfaces) throws ConflictException {
    locations.lock(location);
    List<String> orphans = new ArrayList<>();
    Set<String> devicePools = new HashSet<>();
    List<Runnable> moves = new ArrayList<>();
    for (DeviceAddress assigned : devices.addressesIn(location)) {
      IpAddress address = assigned.address();
      Cidr home = null;
      for (Cidr candidate : newInterfaces) {
        if (AddressAllocator.isAssignable(candidate, address)) {
          home = candidate;
          break;
        }
      }
      String newPool = home == null ? null : home.network().toString();
      if (home == null || !devicePools.add(assigned.device().id() + " " + newPool)) {
        orphans.add("device " + assigned.device().id() + " '" + assigned.device().name() + "' (" + address + ")");
      } else if (!newPool.equals(assigned.pool())) {
        moves.add(() -> assigned.movePool(newPool));
      }
    }
    if (!orphans.isEmpty()) {
      throw new ConflictException(
          "orphaned-devices",
          "The new addresses of location '"
              + location.name()
              + "' leave these devices without a valid address: "
              + String.join(", ", orphans));
    }
    moves.forEach(Runnable::run);
  }
}
