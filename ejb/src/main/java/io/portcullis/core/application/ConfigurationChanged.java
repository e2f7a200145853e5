package io.portcullis.core.application;

import java.util.Set;

/**
 * Fired when what the gateways of some locations must know has changed (peers, addresses, keys); observers
 * act only after the commit ({@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}).
 */
public record ConfigurationChanged(Set<Long> locationIds, String reason) {

  public ConfigurationChanged {
    locationIds = Set.copyOf(locationIds);
  }
}
