package io.portcullis.gateway.time;

/**
 * The source of time for timers, rate limiters, cookie secrets and handshake timestamps, injected so that tests
 * step time instead of sleeping.
 *
 * <p>Implementations are thread-safe; the data plane reads {@link #nanoTime()} once per duty cycle.
 */
public interface Clock {

  /** Monotonic nanoseconds with an arbitrary origin, for measuring ages and deadlines. */
  long nanoTime();

  /** Wall-clock time in nanoseconds since the Unix epoch, for TAI64N timestamps and "latest handshake". */
  long epochNanos();

  /** The real clock of this machine. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
