package io.portcullis.gateway.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.wire.Protocol;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Table-driven cases in the spirit of the Linux selftest of the counter window, plus a randomized reference. */
class ReplayWindowTest {
  static final long W = ReplayWindow.WINDOW_SIZE;

  /** Each row: counter, expected acceptance; applied in order to one fresh window. */
  static final long[][] SEQUENCE = {
    {0, 1}, {1, 1}, {1, 0}, {9, 1}, {8, 1}, {7, 1}, {7, 0},
    {W, 1}, {W + 1, 1}, {W + 1, 0}, {2, 1}, {1, 0}, {0, 0}, // 2 still inside, 0/1 seen
    {W + 10, 1}, {9, 0}, {10, 1}, {10, 0}, {9 , 0}, // 10 = top - W exactly: accepted once
    {2 * W + 200, 1}, {W + 200, 1}, {W + 199, 0}, // window jumped; below it refused
    {2 * W + 199, 1}, {2 * W + 201, 1}, {2 * W + 201, 0},
    {4 * W, 1}, {3 * W, 1}, {3 * W - 1, 0},
  };

  @Test
  void kernelStyleSequence() {
    ReplayWindow w = new ReplayWindow();
    for (long[] row : SEQUENCE) {
      assertThat(w.accept(row[0])).as("counter %d", row[0]).isEqualTo(row[1] == 1);
    }
  }

  @Test
  void rejectsAtAndBeyondRejectAfterMessages() {
    ReplayWindow w = new ReplayWindow();
    long last = Protocol.REJECT_AFTER_MESSAGES - 1;
    assertThat(w.accept(last)).isTrue();
    assertThat(w.accept(Protocol.REJECT_AFTER_MESSAGES)).isFalse();
    assertThat(w.accept(-1L)).isFalse(); // 2^64 - 1
    assertThat(w.accept(last - W)).isTrue();
    assertThat(w.accept(last - W - 1)).isFalse();
  }

  @Test
  void everyCounterOnceInOrderAndReversedBlocks() {
    ReplayWindow w = new ReplayWindow();
    for (long c = 0; c < 20_000; c++) {
      assertThat(w.accept(c)).isTrue();
    }
    for (long c = 20_000 - W; c < 20_000; c++) {
      assertThat(w.accept(c)).isFalse();
    }
  }

  /** Differential against a set-based reference on random, mostly near-top counters. */
  @Test
  void agreesWithSlowReference() {
    Random r = new Random(42);
    for (int round = 0; round < 20; round++) {
      ReplayWindow w = new ReplayWindow();
      Set<Long> seen = new HashSet<>();
      long top = -1;
      for (int i = 0; i < 20_000; i++) {
        long c = Math.max(0, (top < 0 ? 0 : top) + r.nextInt((int) (3 * W)) - 2 * W);
        if (r.nextInt(50) == 0) {
          c = top + 1 + r.nextInt(100_000); // jump ahead
        }
        boolean expected = !seen.contains(c) && (top < 0 || c + W >= top);
        assertThat(w.accept(c)).as("round %d step %d counter %d top %d", round, i, c, top).isEqualTo(expected);
        if (expected) {
          seen.add(c);
          top = Math.max(top, c);
        }
      }
    }
  }
}
