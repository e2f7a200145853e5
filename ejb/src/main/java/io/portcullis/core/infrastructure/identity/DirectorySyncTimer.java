package io.portcullis.core.infrastructure.identity;

import io.portcullis.core.application.IdentitySyncService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The periodic Keycloak → core reconciliation: every {@code portcullis.identity.sync-minutes}
 * (PORTCULLIS_IDENTITY_SYNC_MINUTES, default 10; 0 turns it off), first one minute after deployment. A failed run
 * is logged and retried at the next tick.
 */
@Singleton
@Startup
public class DirectorySyncTimer {

  private static final Logger LOG = Logger.getLogger(DirectorySyncTimer.class);

  @Resource private TimerService timers;
  @EJB private IdentitySyncService sync;
  @Inject private KeycloakSettings settings;

  @PostConstruct
  void schedule() {
    long minutes = Long.getLong("portcullis.identity.sync-minutes", 10);
    if (minutes <= 0 || !settings.provisioning()) {
      LOG.infof("Keycloak sync timer off (%s)", minutes <= 0 ? "interval 0" : "no PORTCULLIS_OIDC_CORE_SECRET");
      return;
    }
    timers.createIntervalTimer(60_000L, minutes * 60_000L, new TimerConfig("keycloak-sync", false));
    LOG.infof("Keycloak sync every %d min", minutes);
  }

  @Timeout
  void run() {
    try {
      sync.sync();
    } catch (RuntimeException e) {
      LOG.warnf("Keycloak sync failed, retrying at the next tick: %s", e.getMessage());
    }
  }
}
