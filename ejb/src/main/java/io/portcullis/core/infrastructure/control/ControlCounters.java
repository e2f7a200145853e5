package io.portcullis.core.infrastructure.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counters of the control channel since the server started: refusals by reason, streams, messages pushed. */
@ApplicationScoped
public class ControlCounters {

  private final AtomicLongArray refusals = new AtomicLongArray(Refusal.values().length);
  private final AtomicLong streamsOpened = new AtomicLong();
  private final AtomicLong fullConfigurations = new AtomicLong();
  private final AtomicLong incrementalUpdates = new AtomicLong();
  private final AtomicLong statsReports = new AtomicLong();

  /** Counts one refused connection. */
  public void refused(Refusal reason) {
    refusals.incrementAndGet(reason.ordinal());
  }

  public void streamOpened() {
    streamsOpened.incrementAndGet();
  }

  public void fullConfigurationSent() {
    fullConfigurations.incrementAndGet();
  }

  public void incrementalUpdatesSent(int count) {
    incrementalUpdates.addAndGet(count);
  }

  public void statsReportReceived() {
    statsReports.incrementAndGet();
  }

  /** Refusals by reason. */
  public Map<Refusal, Long> refusals() {
    Map<Refusal, Long> copy = new EnumMap<>(Refusal.class);
    for (Refusal r : Refusal.values()) {
      copy.put(r, refusals.get(r.ordinal()));
    }
    return copy;
  }

  public long streamsOpened() {
    return streamsOpened.get();
  }

  public long fullConfigurations() {
    return fullConfigurations.get();
  }

  public long incrementalUpdates() {
    return incrementalUpdates.get();
  }

  public long statsReports() {
    return statsReports.get();
  }
}
