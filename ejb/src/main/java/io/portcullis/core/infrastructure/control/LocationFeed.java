package io.portcullis.core.infrastructure.control;

import io.portcullis.proto.gateway.v1.CoreMessage;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import org.jboss.logging.Logger;

/**
 * The stream of configuration revisions of one location to its connected gateways.
 *
 * <p>Threads: {@link #changed()} may be called from any thread and only marks the feed dirty; one task on the
 * executor drains it, coalescing a burst of changes into one recomputation. Recomputing, joining a session and
 * pushing messages happen under the feed's lock, so every session sees the full configuration at revision
 * {@code r} and then exactly the changes {@code r+1, r+2, ...} in order. The revision starts from the clock's
 * milliseconds, so it never goes backwards across restarts of the core.
 */
final class LocationFeed {
  private static final Logger LOG = Logger.getLogger(LocationFeed.class);

  private final long locationId;
  private final LongFunction<Optional<LocationSnapshot>> source;
  private final Executor executor;
  private final ControlCounters counters;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Set<GatewaySession> sessions = new CopyOnWriteArraySet<>();
  private final AtomicBoolean dirty = new AtomicBoolean();
  private final AtomicBoolean draining = new AtomicBoolean();
  // Guarded by lock.
  private LocationSnapshot current;
  private long revision;

  LocationFeed(
      long locationId,
      LongFunction<Optional<LocationSnapshot>> source,
      Executor executor,
      ControlCounters counters,
      Clock clock) {
    this.locationId = locationId;
    this.source = source;
    this.executor = executor;
    this.counters = counters;
    this.clock = clock;
  }

  /**
   * Brings the configuration up to date, sends it whole to {@code session}, and from then on every change.
   * Runs on the calling thread (a gRPC callback) and blocks for one database read.
   *
   * @return false if the location no longer exists (the session was told)
   */
  boolean join(GatewaySession session) {
    lock.lock();
    try {
      if (!refreshLocked()) {
        return false;
      }
      session.sendFull(revision, current.toConfiguration());
      counters.fullConfigurationSent();
      sessions.add(session);
      return true;
    } finally {
      lock.unlock();
    }
  }

  void leave(GatewaySession session) {
    sessions.remove(session);
  }

  /** The sessions now served. */
  Set<GatewaySession> sessions() {
    return Set.copyOf(sessions);
  }

  /** The revision the gateways should be at now. */
  long revision() {
    lock.lock();
    try {
      return revision;
    } finally {
      lock.unlock();
    }
  }

  /** Marks the location changed; the change reaches the gateways asynchronously, in order. */
  void changed() {
    dirty.set(true);
    if (draining.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    do {
      try {
        while (dirty.getAndSet(false)) {
          lock.lock();
          try {
            if (sessions.isEmpty()) {
              // Nobody listens: forget the snapshot, the next join computes a fresh one.
              current = null;
            } else {
              refreshLocked();
            }
          } finally {
            lock.unlock();
          }
        }
      } catch (RuntimeException e) {
        // The database may be down: mark dirty so the periodic resynchronization tries again.
        dirty.set(true);
        LOG.warnf("Cannot recompute the configuration of location %d: %s", locationId, e.toString());
        draining.set(false);
        return;
      }
      draining.set(false);
    } while (dirty.get() && draining.compareAndSet(false, true));
  }

  /** Whether the last recomputation failed and waits for a retry. */
  boolean isDirty() {
    return dirty.get();
  }

  /** Recomputes and pushes the difference; holds the lock. Returns false when the location is gone. */
  private boolean refreshLocked() {
    Optional<LocationSnapshot> next = source.apply(locationId);
    if (next.isEmpty()) {
      for (GatewaySession s : sessions) {
        s.remove("location " + locationId + " was deleted");
      }
      sessions.clear();
      current = null;
      return false;
    }
    if (current == null) {
      current = next.get();
      revision = Math.max(revision + 1, clock.millis());
      return true;
    }
    List<CoreMessage.Builder> delta = ConfigurationDelta.between(current, next.get());
    current = next.get();
    if (delta.isEmpty()) {
      return true;
    }
    for (CoreMessage.Builder message : delta) {
      CoreMessage numbered = message.setRevision(++revision).build();
      for (GatewaySession s : sessions) {
        s.send(numbered);
      }
    }
    counters.incrementalUpdatesSent(delta.size() * sessions.size());
    LOG.debugf(
        "Location %d: %d changes pushed to %d gateways, now at revision %d",
        locationId, delta.size(), sessions.size(), revision);
    return true;
  }
}
