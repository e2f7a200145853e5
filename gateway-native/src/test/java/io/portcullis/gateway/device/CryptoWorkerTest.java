package io.portcullis.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The fork-join hand-off of {@link CryptoWorker}: ranges, visibility, failures, and close. */
class CryptoWorkerTest {

  @Test
  void forkedRangesRunOnTheWorkerAndTheirWritesAreVisibleAfterJoin() {
    int[] cells = new int[64];
    AtomicReference<String> workerThread = new AtomicReference<>();
    try (CryptoWorker w =
        new CryptoWorker(
            "test-crypto",
            (from, to) -> {
              workerThread.set(Thread.currentThread().getName());
              for (int i = from; i < to; i++) {
                cells[i] += i + 1;
              }
            })) {
      for (int round = 0; round < 20_000; round++) {
        int mid = round % 64;
        w.fork(mid, 64);
        for (int i = 0; i < mid; i++) {
          cells[i] += i + 1; // the owner's share
        }
        w.join();
      }
    }
    for (int i = 0; i < 64; i++) {
      assertThat(cells[i]).as("cell %d", i).isEqualTo(20_000 * (i + 1));
    }
    assertThat(workerThread.get()).isEqualTo("test-crypto");
  }

  @Test
  void aFailureOfTheWorkersShareIsThrownByJoinAndTheWorkerGoesOn() {
    int[] runs = new int[1];
    try (CryptoWorker w =
        new CryptoWorker(
            "test-crypto",
            (from, to) -> {
              if (from == 13) {
                throw new IllegalStateException("boom");
              }
              runs[0]++;
            })) {
      w.fork(13, 14);
      assertThatThrownBy(w::join).isInstanceOf(IllegalStateException.class).hasMessage("boom");
      w.fork(0, 1);
      w.join();
      assertThat(runs[0]).isEqualTo(1);
    }
  }

  @Test
  void afterCloseTheOwnerDoesTheForkedRangeItself() {
    int[] done = new int[1];
    CryptoWorker w = new CryptoWorker("test-crypto", (from, to) -> done[0] += to - from);
    w.close();
    w.fork(0, 5);
    w.join();
    assertThat(done[0]).isEqualTo(5);
  }
}
