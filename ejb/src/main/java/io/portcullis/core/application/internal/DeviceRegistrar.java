package io.portcullis.core.application.internal;

import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.ConfigurationChanged;
import io.portcullis.core.application.ConflictException;
import io.portcullis.core.application.CreatedDevice;
import io.portcullis.core.application.DeviceDraft;
import io.portcullis.core.application.DeviceView;
import io.portcullis.core.application.RuleViolationException;
import io.portcullis.core.domain.model.audit.AuditAction;
import io.portcullis.core.domain.model.device.Device;
import io.portcullis.core.domain.model.device.DeviceRepository;
import io.portcullis.core.domain.model.location.Location;
import io.portcullis.core.domain.model.location.LocationRepository;
import io.portcullis.core.domain.model.user.User;
import io.portcullis.core.domain.model.user.UserRepository;
import io.portcullis.core.domain.model.wireguard.WireGuardKey;
import io.portcullis.core.domain.model.wireguard.WireGuardKeyPair;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Creates one device with its addresses in one new transaction; {@link DefaultDeviceService} calls it again
 * when the database reports an address collision.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeviceRegistrar {

  static final String ADDRESS_CONSTRAINT = "device_address_location_address_key";
  static final String PUBLIC_KEY_CONSTRAINT = "device_public_key_key";
  static final String NAME_CONSTRAINT = "device_user_name_key";

  @Inject private UserRepository users;
  @Inject private DeviceRepository devices;
  @Inject private LocationRepository locations;
  @Inject private AddressAssignments assignments;
  @Inject private Event<ConfigurationChanged> changes;
  @EJB private AuditTrail audit;

  /** Creates the device; {@code generated} is the server-made key pair, or null if the draft has a key. */
  public CreatedDevice register(DeviceDraft draft, WireGuardKeyPair generated) throws BusinessException {
    User owner =
        users.find(draft.userId())
            .orElseThrow(() -> new RuleViolationException("userId", "user " + draft.userId() + " does not exist"));
    WireGuardKey publicKey = generated != null ? generated.publicKey() : draft.publicKey();
    if (devices.findByPublicKey(publicKey).isPresent()) {
      throw duplicateKey();
    }
    if (devices.findByOwnerAndName(owner, draft.name().value()).isPresent()) {
      throw duplicateName(owner, draft);
    }
    Device device = new Device(owner, draft.name(), publicKey, Instant.now());
    devices.add(device);
    Set<Long> changed = assignments.reconcile(java.util.List.of(device), locations.all());
    try {
      devices.flush();
    } catch (PersistenceException e) {
      String constraint = UniqueViolation.constraintOf(e).orElseThrow(() -> e);
      switch (constraint) {
        case ADDRESS_CONSTRAINT -> throw new AddressCollisionException("address taken concurrently");
        case PUBLIC_KEY_CONSTRAINT -> throw duplicateKey();
        case NAME_CONSTRAINT -> throw duplicateName(owner, draft);
        default -> throw e;
      }
    }
    DeviceView view = ViewAssembler.device(device);
    audit.record(AuditAction.CREATE, DefaultDeviceService.OBJECT_TYPE, device.id(), view.name(), null, view);
    changes.fire(ConfigurationChanged.ofDevices(changed, Set.of(device.id()), "device " + device.id() + " created"));
    Map<Long, String> configs = new LinkedHashMap<>();
    if (generated != null) {
      for (Location location : locations.all()) {
        String config = DeviceConfigs.write(device, location, generated.privateKey());
        if (config != null) {
          configs.put(location.id(), config);
        }
      }
    }
    return new CreatedDevice(view, generated == null ? null : generated.privateKey().base64(), configs);
  }

  private static ConflictException duplicateKey() {
    return new ConflictException("duplicate-public-key", "Another device already uses this public key");
  }

  private static ConflictException duplicateName(User owner, DeviceDraft draft) {
    return new ConflictException(
        "duplicate-name", "User " + owner.username() + " already has a device named '" + draft.name() + "'");
  }
}
