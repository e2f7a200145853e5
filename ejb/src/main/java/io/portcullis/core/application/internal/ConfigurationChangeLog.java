package io.portcullis.core.application.internal;

import io.portcullis.core.application.ConfigurationChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

/**
 * Logs configuration changes once they are committed; the gateway control channel will observe the same
 * event to push peers to the gateways.
 */
@ApplicationScoped
public class ConfigurationChangeLog {

  private static final Logger LOG = Logger.getLogger(ConfigurationChangeLog.class);

  void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConfigurationChanged change) {
    if (!change.locationIds().isEmpty()) {
      LOG.infof("Configuration of locations %s changed: %s", change.locationIds(), change.reason());
    }
  }
}
