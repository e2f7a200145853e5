package io.portcullis.core.infrastructure.control;

import io.portcullis.core.application.ConfigurationChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * The feeds of all locations, and the bridge from committed changes to them: {@link ConfigurationChanged} is
 * observed after the transaction succeeded, never before, and each named location's feed recomputes and pushes
 * asynchronously. A periodic {@link #resynchronize} covers anything an event could not deliver (a failed
 * recomputation, a gateway deleted while connected).
 */
@ApplicationScoped
public class LocationFeeds {
  private static final Logger LOG = Logger.getLogger(LocationFeeds.class);

  private final Map<Long, LocationFeed> feeds = new ConcurrentHashMap<>();
  private volatile LocationFeed.Source source;
  private volatile Executor executor;
  private volatile ControlCounters counters;
  private volatile Clock clock;

  /** Called by the {@link ControlServer} before it accepts connections. */
  void start(
      LocationFeed.Source source, Executor executor, ControlCounters counters, Clock clock) {
    this.source = source;
    this.executor = executor;
    this.counters = counters;
    this.clock = clock;
  }

  /** Called by the {@link ControlServer} when it stops: no more pushes. */
  void stop() {
    executor = null;
    // Told rather than cut: the gateways log why, keep their configuration and reconnect with backoff.
    sessions().forEach(GatewaySession::coreStopping);
    feeds.clear();
  }

  void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConfigurationChanged change) {
    if (executor == null) {
      return;
    }
    for (Long id : change.locationIds()) {
      LocationFeed feed = feeds.get(id);
      if (feed == null) {
        continue;
      }
      if (change.wholeLocations()) {
        feed.changed();
      } else {
        feed.changed(change.deviceIds(), change.userIds());
      }
    }
  }

  void onRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) GatewayAccessRevoked revoked) {
    Executor running = executor;
    if (running != null) {
      // Not on the committing thread: ending a session records the disconnection in a transaction of its own,
      // which the completed transaction of the observer cannot host.
      running.execute(() -> remove(revoked.gatewayId(), revoked.certificateSerial(), revoked.reason()));
    }
  }

  /** Serves {@code session} from its location's feed; returns at once (the feed's task sends). */
  void join(GatewaySession session) {
    feed(session.gateway().locationId()).join(session);
  }

  void leave(GatewaySession session) {
    LocationFeed feed = feeds.get(session.gateway().locationId());
    if (feed != null) {
      feed.leave(session);
    }
  }

  /** Every live session, of all locations. */
  List<GatewaySession> sessions() {
    List<GatewaySession> all = new ArrayList<>();
    feeds.values().forEach(f -> all.addAll(f.sessions()));
    return all;
  }

  /** The revision the gateways of {@code locationId} should run, or 0 if none is connected. */
  long revision(long locationId) {
    LocationFeed feed = feeds.get(locationId);
    return feed == null ? 0 : feed.revision();
  }

  /**
   * Removes sessions whose gateway is gone or whose token was revoked, reads every location that has sessions
   * whole again (covering changes no event names, such as group memberships, and failed reads), and drops the
   * cached snapshots nobody listens to; runs on the scheduler thread.
   */
  void resynchronize(GatewayDirectory directory) {
    List<GatewaySession> sessions = sessions();
    feeds.values().forEach(f -> {
      if (f.sessions().isEmpty()) {
        f.forgetIfIdle();
      }
    });
    if (sessions.isEmpty()) {
      return;
    }
    Set<Long> valid = directory.stillValid(sessions.stream().map(GatewaySession::gateway).distinct().toList());
    for (GatewaySession s : sessions) {
      if (!valid.contains(s.gateway().gatewayId())) {
        LOG.infof("%s no longer exists or lost its token", s.gateway());
        s.remove("the gateway was deleted or its token revoked");
      }
    }
    feeds.values().forEach(f -> {
      if (!f.sessions().isEmpty()) {
        f.changed();
      }
    });
  }

  /**
   * Ends the streams of {@code gatewayId} at once: all of them (its token was revoked or replaced), or those
   * using the certificate {@code serial} when not null (that certificate was revoked).
   */
  void remove(long gatewayId, String serial, String reason) {
    for (GatewaySession s : sessions()) {
      if (s.gateway().gatewayId() != gatewayId) {
        continue;
      }
      if (serial == null) {
        s.remove(reason);
      } else if (serial.equalsIgnoreCase(s.certificateSerial())) {
        s.certificateRevoked(reason);
      }
    }
  }

  private LocationFeed feed(long locationId) {
    Executor running = executor;
    if (running == null) {
      throw new IllegalStateException("the control server is not running");
    }
    return feeds.computeIfAbsent(locationId, id -> new LocationFeed(id, source, running, counters, clock));
  }

}
