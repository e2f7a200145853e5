package io.portcullis.core.application;

import java.util.Set;

/**
 * Fired when what the gateways of some locations must know has changed (peers, addresses, keys); observers
 * act only after the commit ({@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}).
 *
 * <p>The scope says how much to look at again: when {@code userIds} and {@code deviceIds} are both empty,
 * anything about the locations may have changed (their interface, pools or admitted groups); otherwise only the
 * peers of the named devices and of the devices of the named users did, and the control channel re-reads just
 * those.
 *
 * @param locationIds the locations whose gateways are concerned
 * @param userIds users whose devices changed as a whole (enabled, disabled, groups, deleted)
 * @param deviceIds devices created, deleted or changed
 * @param reason for the log
 */
public record ConfigurationChanged(Set<Long> locationIds, Set<Long> userIds, Set<Long> deviceIds, String reason) {

  public ConfigurationChanged {
    locationIds = Set.copyOf(locationIds);
    userIds = Set.copyOf(userIds);
    deviceIds = Set.copyOf(deviceIds);
  }

  /** Anything about {@code locationIds} may have changed. */
  public ConfigurationChanged(Set<Long> locationIds, String reason) {
    this(locationIds, Set.of(), Set.of(), reason);
  }

  /** Only the peers of {@code deviceIds} changed in {@code locationIds}. */
  public static ConfigurationChanged ofDevices(Set<Long> locationIds, Set<Long> deviceIds, String reason) {
    return new ConfigurationChanged(locationIds, Set.of(), requireSome(deviceIds), reason);
  }

  /** Only the peers of the devices of {@code userIds} changed in {@code locationIds}. */
  public static ConfigurationChanged ofUsers(Set<Long> locationIds, Set<Long> userIds, String reason) {
    return new ConfigurationChanged(locationIds, requireSome(userIds), Set.of(), reason);
  }

  /** Whether everything about the locations must be looked at again. */
  public boolean wholeLocations() {
    return userIds.isEmpty() && deviceIds.isEmpty();
  }

  private static Set<Long> requireSome(Set<Long> ids) {
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("a scoped change names at least one object");
    }
    return ids;
  }
}
