package io.portcullis.core.application.internal;

import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.ConfigurationChanged;
import io.portcullis.core.application.ConflictException;
import io.portcullis.core.application.FieldError;
import io.portcullis.core.application.LocationDraft;
import io.portcullis.core.application.LocationService;
import io.portcullis.core.application.LocationView;
import io.portcullis.core.application.RuleViolationException;
import io.portcullis.core.application.UnknownObjectException;
import io.portcullis.core.domain.model.audit.AuditAction;
import io.portcullis.core.domain.model.device.DeviceAddress;
import io.portcullis.core.domain.model.device.DeviceRepository;
import io.portcullis.core.domain.model.gateway.Gateway;
import io.portcullis.core.domain.model.gateway.GatewayRepository;
import io.portcullis.core.domain.model.group.Group;
import io.portcullis.core.domain.model.group.GroupRepository;
import io.portcullis.core.domain.model.location.Location;
import io.portcullis.core.domain.model.location.LocationRepository;
import io.portcullis.core.domain.model.network.Cidr;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.core.domain.model.wireguard.KeyPairGenerator;
import io.portcullis.core.domain.service.AddressAllocator;
import io.portcullis.core.application.security.AdminOnly;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Locations: validation of pools, key generation, and re-assignment of device addresses on every change. */
@Stateless
public class DefaultLocationService implements LocationService {

  static final String OBJECT_TYPE = "location";

  @Inject private LocationRepository locations;
  @Inject private GroupRepository groups;
  @Inject private DeviceRepository devices;
  @Inject private GatewayRepository gateways;
  @Inject private AddressAssignments assignments;
  @Inject private KeyPairGenerator keys;
  @Inject private Event<ConfigurationChanged> changes;
  @EJB private AuditTrail audit;

  @Override
  @AdminOnly
  public LocationView create(LocationDraft draft) throws BusinessException {
    if (locations.findByName(draft.name()).isPresent()) {
      throw new ConflictException("duplicate-name", "Location '" + draft.name() + "' exists");
    }
    List<Group> allowed = check(draft, null);
    Location location = new Location(draft.name(), keys.generate(), Instant.now());
    apply(location, draft, allowed);
    locations.add(location);
    Set<Long> changed = assignments.reconcile(devices.all(), List.of(location));
    LocationView view = ViewAssembler.location(location);
    audit.record(AuditAction.CREATE, OBJECT_TYPE, location.id(), view.name(), null, view);
    changes.fire(new ConfigurationChanged(changed, "location " + view.name() + " created"));
    return view;
  }

  @Override
  public LocationView get(long id) throws UnknownObjectException {
    return ViewAssembler.location(find(id));
  }

  @Override
  public Page<LocationView> list(String q, PageRequest page) {
    return locations.list(q, page).map(ViewAssembler::location);
  }

  @Override
  @AdminOnly
  public LocationView update(long id, LocationDraft draft) throws BusinessException {
    Location location = find(id);
    LocationView before = ViewAssembler.location(location);
    var clash = locations.findByName(draft.name());
    if (clash.isPresent() && !clash.get().equals(location)) {
      throw new ConflictException("duplicate-name", "Location '" + draft.name() + "' exists");
    }
    List<Group> allowed = check(draft, location);
    assignments.repool(location, draft.addresses());
    apply(location, draft, allowed);
    assignments.reconcile(devices.all(), List.of(location));
    LocationView after = ViewAssembler.location(location);
    audit.record(AuditAction.UPDATE, OBJECT_TYPE, id, after.name(), before, after);
    changes.fire(new ConfigurationChanged(Set.of(id), "location " + after.name() + " changed"));
    return after;
  }

  @Override
  @AdminOnly
  public void delete(long id) throws UnknownObjectException {
    Location location = find(id);
    LocationView before = ViewAssembler.location(location);
    for (DeviceAddress address : devices.addressesIn(location)) {
      address.device().release(address);
    }
    for (Gateway gateway : gateways.list(id, null, new PageRequest(0, PageRequest.MAX_LIMIT)).items()) {
      gateways.remove(gateway);
    }
    location.setAllowedGroups(List.of());
    locations.remove(location);
    audit.record(AuditAction.DELETE, OBJECT_TYPE, id, before.name(), before, null);
    changes.fire(new ConfigurationChanged(Set.of(id), "location " + before.name() + " deleted"));
  }

  private Location find(long id) throws UnknownObjectException {
    return locations.find(id).orElseThrow(() -> new UnknownObjectException("Location", id));
  }

  /** The domain rules of a location draft; returns the allowed groups it names. */
  private List<Group> check(LocationDraft draft, Location self) throws RuleViolationException {
    List<FieldError> errors = new ArrayList<>();
    List<Cidr> pools = draft.addresses();
    if (pools.isEmpty()) {
      errors.add(new FieldError("addresses", "at least one address pool is required"));
    }
    for (int i = 0; i < pools.size(); i++) {
      Cidr pool = pools.get(i);
      String field = "addresses[" + i + "]";
      if (!AddressAllocator.isAssignableGateway(pool)) {
        errors.add(new FieldError(field, "the gateway address must be a host address of its network, not " + pool.address()));
      } else if (AddressAllocator.capacity(pool).compareTo(BigInteger.ONE) < 0) {
        errors.add(new FieldError(field, "the pool " + pool.network() + " has no room for devices"));
      }
      for (int j = 0; j < i; j++) {
        if (pool.overlaps(pools.get(j))) {
          errors.add(new FieldError(field, "overlaps addresses[" + j + "] (" + pools.get(j).network() + ")"));
        }
      }
      for (Location other : locations.all()) {
        if (other.equals(self)) {
          continue;
        }
        for (Cidr theirs : other.interfaceAddresses()) {
          if (pool.overlaps(theirs)) {
            errors.add(new FieldError(field, "overlaps pool " + theirs.network() + " of location '" + other.name() + "'"));
          }
        }
      }
    }
    List<Group> allowed = new ArrayList<>();
    List<Name> names = draft.allowedGroups();
    for (int i = 0; i < names.size(); i++) {
      var group = groups.findByName(names.get(i));
      if (group.isPresent()) {
        allowed.add(group.get());
      } else {
        errors.add(new FieldError("allowedGroups[" + i + "]", "group '" + names.get(i) + "' does not exist"));
      }
    }
    if (!errors.isEmpty()) {
      throw new RuleViolationException("The location breaks " + errors.size() + " rule(s)", errors);
    }
    return allowed;
  }

  private static void apply(Location location, LocationDraft draft, List<Group> allowed) {
    location.rename(draft.name());
    location.setInterfaceAddresses(draft.addresses());
    location.setEndpoint(draft.endpoint());
    location.setListenPort(draft.listenPort());
    location.setAllowedIps(draft.allowedIps());
    location.setDns(draft.dns());
    location.setMtu(draft.mtu());
    location.setPersistentKeepalive(draft.persistentKeepalive());
    location.setMfaRequired(draft.mfaRequired());
    location.setAllowedGroups(allowed);
  }
}
