package io.portcullis.gateway.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to, for tests of timers, rate limiting and cookie rotation. */
public final class ManualClock implements Clock {
  private final AtomicLong nanos;
  private final long epochOffset;

  /** Starts at an arbitrary non-zero monotonic time and at 2025-01-01T00:00:00Z on the wall clock. */
  public ManualClock() {
    this(1_000_000_000_000L, 1_735_689_600L * 1_000_000_000L);
  }

  public ManualClock(long startNanos, long startEpochNanos) {
    this.nanos = new AtomicLong(startNanos);
    this.epochOffset = startEpochNanos - startNanos;
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public long epochNanos() {
    return nanos.get() + epochOffset;
  }

  /** Moves both clocks forward. */
  public void advance(Duration d) {
    advanceNanos(d.toNanos());
  }

  public void advanceNanos(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("time runs forward only");
    }
    nanos.addAndGet(n);
  }
}
