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
  private final AtomicLong certificatesRenewed = new AtomicLong();
  private final AtomicLongArray renewalRefusals = new AtomicLongArray(RenewalRefusal.values().length);

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

  public void certificateRenewed() {
    certificatesRenewed.incrementAndGet();
  }

  /** Counts one refused certificate renewal. */
  public void renewalRefused(RenewalRefusal reason) {
    renewalRefusals.incrementAndGet(reason.ordinal());
  }

  public long certificatesRenewed() {
    return certificatesRenewed.get();
  }

  /** Refused renewals by reason. */
  public Map<RenewalRefusal, Long> renewalRefusals() {
    Map<RenewalRefusal, Long> copy = new EnumMap<>(RenewalRefusal.class);
    for (RenewalRefusal r : RenewalRefusal.values()) {
      copy.put(r, renewalRefusals.get(r.ordinal()));
    }
    return copy;
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
