package io.portcullis.gateway.timers;

import static io.portcullis.gateway.wire.Protocol.KEEPALIVE_TIMEOUT;
import static io.portcullis.gateway.wire.Protocol.MAX_TIMER_HANDSHAKES;
import static io.portcullis.gateway.wire.Protocol.REJECT_AFTER_TIME;
import static io.portcullis.gateway.wire.Protocol.REKEY_TIMEOUT;
import static io.portcullis.gateway.wire.Protocol.REKEY_TIMEOUT_JITTER_MAX;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every timer of the paper (6.2-6.5) with a stepped clock: what fires, when, and what cancels it. */
class PeerTimersTest {
  static final long MS = 1_000_000L;

  final List<String> fired = new ArrayList<>();
  PeerTimers t;
  long now = 5_000_000_000L;

  @BeforeEach
  void setUp() {
    t =
        new PeerTimers(
            new TimerActions() {
              @Override
              public void sendInitiation(boolean retry) {
                fired.add(retry ? "retry" : "initiation");
              }

              @Override
              public void sendKeepalive() {
                fired.add("keepalive");
              }

              @Override
              public void clearStagedPackets() {
                fired.add("clear");
              }

              @Override
              public void zeroKeyMaterial() {
                fired.add("zero");
              }

              @Override
              public void handshakeAttemptsExhausted() {
                fired.add("exhausted");
              }
            });
  }

  void step(long nanos) {
    // tick every 10 ms like the handshake thread
    for (long end = now + nanos; now < end; ) {
      now = Math.min(end, now + 10 * MS);
      t.tick(now);
    }
  }

  @Test
  void retransmitsWithJitterUntilRekeyAttemptTimeThenGivesUp() {
    t.onHandshakeInitiated(now);
    step(REKEY_TIMEOUT - 10 * MS);
    assertThat(fired).isEmpty();
    step(REKEY_TIMEOUT_JITTER_MAX + 20 * MS);
    assertThat(fired).containsExactly("retry");
    fired.clear();
    // each retry re-arms through onHandshakeInitiated, as the device does when it sends
    for (int i = 1; i < MAX_TIMER_HANDSHAKES; i++) {
      t.onHandshakeInitiated(now);
      step(REKEY_TIMEOUT + REKEY_TIMEOUT_JITTER_MAX + 10 * MS);
    }
    assertThat(fired).hasSize(MAX_TIMER_HANDSHAKES - 1).containsOnly("retry");
    assertThat(t.handshakeAttempts()).isEqualTo(MAX_TIMER_HANDSHAKES);
    fired.clear();
    t.onHandshakeInitiated(now);
    step(REKEY_TIMEOUT + REKEY_TIMEOUT_JITTER_MAX + 10 * MS);
    assertThat(fired).containsExactly("exhausted", "clear");
    assertThat(t.pending("zero_key_material")).isTrue();
    fired.clear();
    step(REJECT_AFTER_TIME * 3);
    assertThat(fired).containsExactly("zero");
  }

  @Test
  void handshakeCompleteCancelsRetransmitAndResetsAttempts() {
    t.onHandshakeInitiated(now);
    step(REKEY_TIMEOUT + REKEY_TIMEOUT_JITTER_MAX + 10 * MS);
    assertThat(t.handshakeAttempts()).isEqualTo(1);
    t.onHandshakeInitiated(now);
    t.onHandshakeComplete();
    step(REKEY_TIMEOUT * 3);
    assertThat(fired).containsExactly("retry");
    assertThat(t.handshakeAttempts()).isZero();
  }

  @Test
  void keepaliveAfterReceivingDataWhenNothingIsSent() {
    t.onDataReceived(now);
    step(KEEPALIVE_TIMEOUT - 10 * MS);
    assertThat(fired).isEmpty();
    step(20 * MS);
    assertThat(fired).containsExactly("keepalive");
  }

  @Test
  void sendingAnythingCancelsTheKeepalive() {
    t.onDataReceived(now);
    step(KEEPALIVE_TIMEOUT / 2);
    t.onAnyAuthenticatedPacketSent();
    step(KEEPALIVE_TIMEOUT * 2);
    assertThat(fired).isEmpty();
  }

  @Test
  void moreDataWhileKeepalivePendingSchedulesAnotherOne() {
    t.onDataReceived(now);
    step(MS * 100);
    t.onDataReceived(now);
    step(KEEPALIVE_TIMEOUT);
    assertThat(fired).containsExactly("keepalive");
    step(KEEPALIVE_TIMEOUT);
    assertThat(fired).containsExactly("keepalive", "keepalive");
    step(KEEPALIVE_TIMEOUT * 3);
    assertThat(fired).hasSize(2);
  }

  @Test
  void newHandshakeWhenSentDataIsNotAnswered() {
    t.onDataSent(now);
    step(KEEPALIVE_TIMEOUT + REKEY_TIMEOUT - 10 * MS);
    assertThat(fired).isEmpty();
    step(REKEY_TIMEOUT_JITTER_MAX + 20 * MS);
    assertThat(fired).containsExactly("initiation");
  }

  @Test
  void anyReceivedPacketCancelsTheNewHandshake() {
    t.onDataSent(now);
    step(KEEPALIVE_TIMEOUT);
    t.onAnyAuthenticatedPacketReceived();
    step(KEEPALIVE_TIMEOUT * 3);
    assertThat(fired).isEmpty();
  }

  @Test
  void zeroKeyMaterialThreeRejectTimesAfterTheSession() {
    t.onSessionDerived(now);
    step(REJECT_AFTER_TIME * 3 - 10 * MS);
    assertThat(fired).isEmpty();
    step(20 * MS);
    assertThat(fired).containsExactly("zero");
  }

  @Test
  void persistentKeepaliveEveryIntervalAfterTraffic() {
    t.persistentKeepalive(25);
    t.onAnyAuthenticatedPacketTraversal(now);
    step(25_000 * MS - 10 * MS);
    assertThat(fired).isEmpty();
    step(20 * MS);
    assertThat(fired).containsExactly("keepalive");
    t.persistentKeepalive(0);
    t.onAnyAuthenticatedPacketTraversal(now);
    step(100_000 * MS);
    assertThat(fired).containsExactly("keepalive");
  }

  @Test
  void disabledTimersNeverFire() {
    t.onDataSent(now);
    t.onSessionDerived(now);
    t.onHandshakeInitiated(now);
    t.disable();
    t.onDataReceived(now);
    step(REJECT_AFTER_TIME * 4);
    assertThat(fired).isEmpty();
  }
}
