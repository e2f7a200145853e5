package io.portcullis.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void growsExponentiallyWithinJitterBoundsUpToTheCapAndResets() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new SplittableRandom(1));
    long ceiling = 100;
    for (int i = 0; i < 12; i++) {
      long wait = backoff.next().toMillis();
      long cap = Math.min(ceiling, 5000);
      assertThat(wait).as("attempt %d", i).isBetween(cap / 2, cap);
      ceiling *= 2;
    }
    backoff.reset();
    assertThat(backoff.next().toMillis()).isBetween(50L, 100L);
  }

  @Test
  void jitterSpreadsRetries() {
    var seen = new java.util.HashSet<Long>();
    for (int seed = 0; seed < 20; seed++) {
      Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new SplittableRandom(seed));
      b.next();
      b.next();
      seen.add(b.next().toMillis());
    }
    assertThat(seen.size()).isGreaterThan(10);
  }
}
