package io.portcullis.core.infrastructure.control;

import io.portcullis.proto.gateway.v1.CoreMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The stream of configuration revisions of one location to its connected gateways, and the location's cached
 * {@link LocationSnapshot}.
 *
 * <p>Work arrives as requests — a scoped change (some devices, some users), a whole-location change, a gateway
 * joining, forgetting the cache — from any thread; they are queued and one task on the executor drains them, so
 * a burst coalesces into one database read and all reads, pushes and joins happen in one order on one thread at
 * a time. A scoped change re-reads only its devices and patches the snapshot ({@link LocationSnapshot#patch});
 * a whole-location change, or a first join, reads the location whole and diffs ({@link ConfigurationDelta}).
 * A joining gateway gets the cached snapshot whole at the current revision, after every change queued before it
 * was applied; from then on it gets every change {@code r+1, r+2, ...} in order, so nothing is lost between the
 * snapshot and the join. The revision starts from the clock's milliseconds, so it never goes backwards across
 * restarts of the core.
 */
final class LocationFeed {
  private static final Logger LOG = Logger.getLogger(LocationFeed.class);
  /** Above this many devices and users in one coalesced change, reading the whole location is cheaper. */
  private static final int SCOPED_LIMIT = 500;

  /** Where snapshots come from (the database). */
  interface Source {
    /** The whole location, or empty if it no longer exists. */
    Optional<LocationSnapshot> snapshot(long locationId);

    /** The peers of exactly these devices and users' devices, or empty if the location no longer exists. */
    Optional<List<LocationSnapshot.Entry>> peers(long locationId, Set<Long> deviceIds, Set<Long> userIds);
  }

  private final long locationId;
  private final Source source;
  private final Executor executor;
  private final ControlCounters counters;
  private final Clock clock;
  private final Set<GatewaySession> sessions = new CopyOnWriteArraySet<>();
  private final AtomicBoolean draining = new AtomicBoolean();

  // The queue of requests, guarded by itself.
  private final Object queue = new Object();
  private boolean wholePending;
  private boolean forgetPending;
  private final Set<Long> devicesPending = new HashSet<>();
  private final Set<Long> usersPending = new HashSet<>();
  private final List<GatewaySession> joinsPending = new ArrayList<>();
  // A read failed: the queued changes wait for the next request (the periodic resynchronization retries).
  private boolean failed;

  // Touched only by the draining task (one at a time; the draining flag orders them).
  private LocationSnapshot current;
  private volatile long revision;

  LocationFeed(long locationId, Source source, Executor executor, ControlCounters counters, Clock clock) {
    this.locationId = locationId;
    this.source = source;
    this.executor = executor;
    this.counters = counters;
    this.clock = clock;
  }

  /**
   * Serves {@code session}: soon (after the changes queued before it) it gets the configuration whole, and from
   * then on every change. Returns at once; if the location no longer exists the session is removed.
   */
  void join(GatewaySession session) {
    synchronized (queue) {
      joinsPending.add(session);
    }
    schedule();
  }

  void leave(GatewaySession session) {
    sessions.remove(session);
    synchronized (queue) {
      joinsPending.remove(session);
    }
  }

  /** The sessions now served. */
  Set<GatewaySession> sessions() {
    return Set.copyOf(sessions);
  }

  /** The revision the gateways should be at now. */
  long revision() {
    return revision;
  }

  /** Anything about the location may have changed: it is read whole again. */
  void changed() {
    synchronized (queue) {
      wholePending = true;
    }
    schedule();
  }

  /** The peers of these devices and of these users' devices may have changed: only they are read again. */
  void changed(Set<Long> deviceIds, Set<Long> userIds) {
    synchronized (queue) {
      devicesPending.addAll(deviceIds);
      usersPending.addAll(userIds);
    }
    schedule();
  }

  /** Drops the cached snapshot if no gateway listens (the next join reads the location whole). */
  void forgetIfIdle() {
    synchronized (queue) {
      forgetPending = true;
    }
    schedule();
  }

  private void schedule() {
    if (draining.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    do {
      while (drainOnce()) {
        // until the queue is empty or a read failed
      }
      draining.set(false);
    } while (hasWork() && draining.compareAndSet(false, true));
  }

  private boolean hasWork() {
    synchronized (queue) {
      return forgetPending || !joinsPending.isEmpty() || (!failed && (wholePending || !devicesPending.isEmpty()
          || !usersPending.isEmpty()));
    }
  }

  /** Takes everything queued and applies it; false when there was nothing to do or the read failed. */
  private boolean drainOnce() {
    boolean whole;
    boolean forget;
    Set<Long> devices;
    Set<Long> users;
    List<GatewaySession> joins;
    synchronized (queue) {
      whole = wholePending;
      forget = forgetPending;
      devices = Set.copyOf(devicesPending);
      users = Set.copyOf(usersPending);
      joins = List.copyOf(joinsPending);
      if (!whole && !forget && devices.isEmpty() && users.isEmpty() && joins.isEmpty()) {
        return false;
      }
      wholePending = false;
      forgetPending = false;
      devicesPending.clear();
      usersPending.clear();
      joinsPending.clear();
      failed = false;
    }
    if (forget && sessions.isEmpty() && joins.isEmpty()) {
      current = null;
    }
    if (current == null && sessions.isEmpty() && joins.isEmpty()) {
      // Nobody listens and nothing is cached: the next join reads the location whole anyway.
      return true;
    }
    try {
      if (current == null || whole || devices.size() + users.size() > SCOPED_LIMIT) {
        if (!refreshWhole()) {
          gone(joins);
          return true;
        }
      } else if (!devices.isEmpty() || !users.isEmpty()) {
        if (!refreshScoped(devices, users)) {
          gone(joins);
          return true;
        }
      }
    } catch (RuntimeException e) {
      // The database may be down: keep the work for the periodic resynchronization; joining gateways are told
      // to come back (their reconnection backs off).
      synchronized (queue) {
        wholePending = true;
        failed = true;
      }
      LOG.warnf("Cannot recompute the configuration of location %d: %s", locationId, e.toString());
      for (GatewaySession s : joins) {
        s.unavailable("the configuration of location " + locationId + " cannot be read now");
      }
      return false;
    }
    for (GatewaySession s : joins) {
      if (s.live()) {
        long start = System.nanoTime();
        s.sendFull(revision, current.toConfiguration());
        counters.fullConfigurationSent();
        sessions.add(s);
        LOG.debugf("Location %d: full configuration queued for %s in %d ms", Long.valueOf(locationId), s.gateway(),
            Long.valueOf((System.nanoTime() - start) / 1_000_000));
      }
    }
    return true;
  }

  /** Reads the whole location and pushes the difference; false when the location is gone. */
  private boolean refreshWhole() {
    long start = System.nanoTime();
    Optional<LocationSnapshot> next = source.snapshot(locationId);
    long read = System.nanoTime();
    if (next.isEmpty()) {
      return false;
    }
    if (current == null) {
      current = next.get();
      revision = Math.max(revision + 1, clock.millis());
      LOG.debugf("Location %d: %d peers read in %d ms, revision %d", locationId, current.size(),
          (read - start) / 1_000_000, revision);
      return true;
    }
    push(ConfigurationDelta.between(current, next.get()));
    current = next.get();
    LOG.debugf("Location %d: %d peers read whole in %d ms", locationId, current.size(), (read - start) / 1_000_000);
    return true;
  }

  /** Reads only the devices of a change, patches the snapshot and pushes the difference. */
  private boolean refreshScoped(Set<Long> devices, Set<Long> users) {
    long start = System.nanoTime();
    Optional<List<LocationSnapshot.Entry>> fresh = source.peers(locationId, devices, users);
    if (fresh.isEmpty()) {
      return false;
    }
    long read = System.nanoTime();
    push(current.patch(devices, users, fresh.get()));
    LOG.debugf("Location %d: devices %s users %s re-read in %d us, patched and pushed in %d us", locationId, devices,
        users, (read - start) / 1_000, (System.nanoTime() - read) / 1_000);
    return true;
  }

  private void push(List<CoreMessage.Builder> delta) {
    if (delta.isEmpty()) {
      return;
    }
    for (CoreMessage.Builder message : delta) {
      CoreMessage numbered = message.setRevision(revision + 1).build();
      revision++;
      for (GatewaySession s : sessions) {
        s.send(numbered);
      }
    }
    counters.incrementalUpdatesSent(delta.size() * sessions.size());
    LOG.debugf(
        "Location %d: %d changes pushed to %d gateways, now at revision %d",
        locationId, delta.size(), sessions.size(), revision);
  }

  /** The location was deleted: every session is told and closed, the cache dropped. */
  private void gone(List<GatewaySession> joins) {
    for (GatewaySession s : sessions) {
      s.remove("location " + locationId + " was deleted");
    }
    for (GatewaySession s : joins) {
      s.remove("location " + locationId + " was deleted");
    }
    sessions.clear();
    current = null;
  }
}
