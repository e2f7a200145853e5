package io.portcullis.core.application.internal;

import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.ConfigurationChanged;
import io.portcullis.core.application.ConflictException;
import io.portcullis.core.application.CreatedDevice;
import io.portcullis.core.application.DeviceDraft;
import io.portcullis.core.application.DeviceService;
import io.portcullis.core.application.DeviceView;
import io.portcullis.core.application.UnknownObjectException;
import io.portcullis.core.domain.model.audit.AuditAction;
import io.portcullis.core.domain.model.device.Device;
import io.portcullis.core.domain.model.device.DeviceRepository;
import io.portcullis.core.domain.model.device.DeviceRepository.DeviceFilter;
import io.portcullis.core.domain.model.location.Location;
import io.portcullis.core.domain.model.location.LocationRepository;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.core.domain.model.wireguard.KeyPairGenerator;
import io.portcullis.core.domain.model.wireguard.WireGuardKeyPair;
import io.portcullis.core.application.AccessDeniedException;
import io.portcullis.core.application.Caller;
import io.portcullis.core.application.security.Access;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;
import org.jboss.logging.Logger;

/** Devices; creation retries on the rare address collision the location lock did not prevent. */
@Stateless
public class DefaultDeviceService implements DeviceService {

  static final String OBJECT_TYPE = "device";

  /** How often creation is tried when the database reports that another transaction took the address. */
  static final int MAX_ATTEMPTS = 5;

  private static final Logger LOG = Logger.getLogger(DefaultDeviceService.class);

  @Inject private DeviceRepository devices;
  @Inject private LocationRepository locations;
  @Inject private KeyPairGenerator keys;
  @Inject private Event<ConfigurationChanged> changes;
  @EJB private DeviceRegistrar registrar;
  @Inject private Access access;
  @EJB private AuditTrail audit;

  @Override
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public CreatedDevice create(DeviceDraft draft) throws BusinessException {
    access.requireSelfOrAdmin(draft.userId());
    WireGuardKeyPair generated = draft.publicKey() == null ? keys.generate() : null;
    for (int attempt = 1; ; attempt++) {
      try {
        return registrar.register(draft, generated);
      } catch (AddressCollisionException e) {
        if (attempt == MAX_ATTEMPTS) {
          throw new ConflictException("address-collision", "Could not assign a free address; try again");
        }
        LOG.debugf("Address collision creating device '%s', attempt %d", draft.name(), attempt);
      }
    }
  }

  @Override
  public DeviceView get(long id) throws UnknownObjectException {
    return ViewAssembler.device(find(id));
  }

  @Override
  public Page<DeviceView> list(DeviceFilter filter, PageRequest page) {
    Caller caller = access.caller();
    if (!caller.admin()) {
      // People see their own devices only: asking for someone else's is refused, no owner filter means "mine".
      if (filter.userId() != null) {
        access.requireSelfOrAdmin(filter.userId());
      }
      if (filter.username() != null && !filter.username().equals(caller.username())) {
        throw new AccessDeniedException("This belongs to another user");
      }
      filter = new DeviceFilter(filter.q(), caller.userId(), null, filter.locationId());
    }
    return devices.list(filter, page).map(ViewAssembler::device);
  }

  @Override
  public DeviceView rename(long id, Name name) throws BusinessException {
    Device device = find(id);
    DeviceView before = ViewAssembler.device(device);
    var clash = devices.findByOwnerAndName(device.owner(), name.value());
    if (clash.isPresent() && !clash.get().equals(device)) {
      throw new ConflictException(
          "duplicate-name", "User " + device.owner().username() + " already has a device named '" + name + "'");
    }
    device.rename(name);
    DeviceView after = ViewAssembler.device(device);
    audit.record(AuditAction.UPDATE, OBJECT_TYPE, id, after.name(), before, after);
    return after;
  }

  @Override
  public void delete(long id) throws UnknownObjectException {
    Device device = find(id);
    DeviceView before = ViewAssembler.device(device);
    Set<Long> changed = new HashSet<>();
    device.addresses().forEach(a -> changed.add(a.location().id()));
    devices.remove(device);
    audit.record(AuditAction.DELETE, OBJECT_TYPE, id, before.name(), before, null);
    changes.fire(ConfigurationChanged.ofDevices(changed, Set.of(id), "device " + id + " deleted"));
  }

  @Override
  public String config(long deviceId, long locationId) throws BusinessException {
    Device device = find(deviceId);
    Location location = locations.find(locationId).orElseThrow(() -> new UnknownObjectException("Location", locationId));
    String config = DeviceConfigs.write(device, location, null);
    if (config == null) {
      throw new UnknownObjectException(
          "Device " + deviceId + " has no address in location " + locationId + ": its owner may not use it");
    }
    return config;
  }

  /** The device, if the caller owns it or is an administrator. */
  private Device find(long id) throws UnknownObjectException {
    Device device = devices.find(id).orElseThrow(() -> new UnknownObjectException("Device", id));
    access.requireSelfOrAdmin(device.owner().id());
    return device;
  }
}
