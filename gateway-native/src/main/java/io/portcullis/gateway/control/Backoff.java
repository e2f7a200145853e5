package io.portcullis.gateway.control;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential reconnection backoff with full jitter: the n-th consecutive failure waits a uniformly random time
 * in [base·2^n / 2, base·2^n], capped at {@code max}; a success resets it. Not thread-safe.
 */
public final class Backoff {
  private final Duration base;
  private final Duration max;
  private final RandomGenerator random;
  private int failures;

  public Backoff(Duration base, Duration max, RandomGenerator random) {
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= max");
    }
    this.base = base;
    this.max = max;
    this.random = random;
  }

  /** The wait before the next attempt, after one more failure. */
  public Duration next() {
    long ceiling = base.toMillis() << Math.min(failures, 20);
    ceiling = Math.min(ceiling, max.toMillis());
    failures++;
    long floor = ceiling / 2;
    return Duration.ofMillis(floor + random.nextLong(ceiling - floor + 1));
  }

  /** Forgets the failures, after a connection that worked. */
  public void reset() {
    failures = 0;
  }

  /** Consecutive failures so far. */
  public int failures() {
    return failures;
  }
}
