package io.portcullis.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The start-up warm-up: every round trip (all padded lengths, with and without associated data) opens. */
class AeadWarmupTest {

  @Test
  void everyRoundTripOpensAndTheWarmUpEndsWithinItsBound() {
    long t0 = System.nanoTime();
    int[] result = new AeadWarmup("wgtest", 1420).warm();
    long elapsed = System.nanoTime() - t0;
    assertThat(result[1]).as("failed round trips").isZero();
    assertThat(result[0]).isGreaterThanOrEqualTo(AeadWarmup.MIN_ROUND_TRIPS);
    assertThat(elapsed).isLessThan(AeadWarmup.MAX_NANOS + 5_000_000_000L);
  }
}
