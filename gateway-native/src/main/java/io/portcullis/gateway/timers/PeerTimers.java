package io.portcullis.gateway.timers;

import static io.portcullis.gateway.wire.Protocol.KEEPALIVE_TIMEOUT;
import static io.portcullis.gateway.wire.Protocol.MAX_TIMER_HANDSHAKES;
import static io.portcullis.gateway.wire.Protocol.REJECT_AFTER_TIME;
import static io.portcullis.gateway.wire.Protocol.REKEY_TIMEOUT;
import static io.portcullis.gateway.wire.Protocol.REKEY_TIMEOUT_JITTER_MAX;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The five timers of one peer (paper 6.2-6.5, named as in the Linux implementation), kept as deadlines on the
 * monotonic clock and fired by {@link #tick}:
 *
 * <ul>
 *   <li>retransmit handshake: REKEY_TIMEOUT plus jitter after an initiation, until MAX_TIMER_HANDSHAKES tries;
 *   <li>send keepalive: KEEPALIVE_TIMEOUT after receiving data when nothing was sent back;
 *   <li>new handshake: KEEPALIVE_TIMEOUT + REKEY_TIMEOUT after sending data when nothing came back;
 *   <li>zero key material: REJECT_AFTER_TIME * 3 after a session was derived;
 *   <li>persistent keepalive: the configured interval after any authenticated packet in either direction.
 * </ul>
 *
 * <p>Events come from the send, receive and handshake threads; {@link #tick} runs on the timer thread. Each
 * deadline is a single volatile long (0 = not pending) and firing claims it with a compare-and-set, so an event
 * racing a tick either re-arms the timer or is absorbed by the firing, as with the kernel's mod_timer.
 */
public final class PeerTimers {
  private static final VarHandle DEADLINE;

  static {
    try {
      DEADLINE = MethodHandles.lookup().findVarHandle(Deadline.class, "at", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** One timer: a deadline in monotonic nanoseconds, 0 when not pending. */
  static final class Deadline {
    volatile long at;

    boolean pending() {
      return at != 0;
    }

    void set(long when) {
      at = when == 0 ? 1 : when;
    }

    void cancel() {
      if (at != 0) {
        at = 0;
      }
    }

    boolean claimIfDue(long now) {
      long d = at;
      return d != 0 && now - d >= 0 && DEADLINE.compareAndSet(this, d, 0L);
    }
  }

  private final TimerActions actions;
  final Deadline retransmitHandshake = new Deadline();
  final Deadline sendKeepalive = new Deadline();
  final Deadline newHandshake = new Deadline();
  final Deadline zeroKeyMaterial = new Deadline();
  final Deadline persistentKeepalive = new Deadline();

  private volatile boolean needAnotherKeepalive;
  private volatile int handshakeAttempts;
  private volatile int persistentKeepaliveSeconds;
  private volatile boolean enabled = true;

  public PeerTimers(TimerActions actions) {
    this.actions = actions;
  }

  private static long jitter() {
    return ThreadLocalRandom.current().nextLong(REKEY_TIMEOUT_JITTER_MAX + 1);
  }

  /** Sets the persistent keepalive interval in seconds (0 disables it). */
  public void persistentKeepalive(int seconds) {
    persistentKeepaliveSeconds = seconds;
    if (seconds == 0) {
      persistentKeepalive.cancel();
    }
  }

  public int persistentKeepaliveSeconds() {
    return persistentKeepaliveSeconds;
  }

  /** Number of initiations sent for the current handshake beyond the first. */
  public int handshakeAttempts() {
    return handshakeAttempts;
  }

  /** A new handshake (not a retransmission) starts counting attempts from zero. */
  public void resetHandshakeAttempts() {
    handshakeAttempts = 0;
  }

  /** Stops every timer for good (peer removed or device down). */
  public void disable() {
    enabled = false;
    retransmitHandshake.cancel();
    sendKeepalive.cancel();
    newHandshake.cancel();
    zeroKeyMaterial.cancel();
    persistentKeepalive.cancel();
  }

  public void enable() {
    enabled = true;
  }

  // --- Events (paper 6.2-6.5); called by whichever thread sees the event. ---

  /** We sent transport data (not a keepalive): expect an answer within KEEPALIVE + REKEY_TIMEOUT. */
  public void onDataSent(long now) {
    if (enabled && !newHandshake.pending()) {
      newHandshake.set(now + KEEPALIVE_TIMEOUT + REKEY_TIMEOUT + jitter());
    }
  }

  /** We received transport data (not a keepalive): answer with a keepalive if we send nothing. */
  public void onDataReceived(long now) {
    if (!enabled) {
      return;
    }
    if (!sendKeepalive.pending()) {
      sendKeepalive.set(now + KEEPALIVE_TIMEOUT);
    } else {
      needAnotherKeepalive = true;
    }
  }

  /** Any authenticated packet (data, keepalive, handshake) was sent: no separate keepalive is needed. */
  public void onAnyAuthenticatedPacketSent() {
    sendKeepalive.cancel();
  }

  /** Any authenticated packet was received: the peer is alive, no new handshake is needed for silence. */
  public void onAnyAuthenticatedPacketReceived() {
    newHandshake.cancel();
  }

  /** Any authenticated packet went either way: restart the persistent keepalive interval. */
  public void onAnyAuthenticatedPacketTraversal(long now) {
    int s = persistentKeepaliveSeconds;
    if (enabled && s > 0) {
      persistentKeepalive.set(now + s * 1_000_000_000L);
    }
  }

  /** We sent an initiation: retransmit it if no response comes. */
  public void onHandshakeInitiated(long now) {
    if (enabled) {
      retransmitHandshake.set(now + REKEY_TIMEOUT + jitter());
    }
  }

  /** A handshake completed (we received a response, or the first data of a session we answered). */
  public void onHandshakeComplete() {
    retransmitHandshake.cancel();
    handshakeAttempts = 0;
  }

  /** A new keypair exists: schedule forgetting it. */
  public void onSessionDerived(long now) {
    if (enabled) {
      zeroKeyMaterial.set(now + REJECT_AFTER_TIME * 3);
    }
  }

  // --- Expiry; timer thread only. ---

  /** Fires every timer whose deadline has passed. */
  public void tick(long now) {
    if (!enabled) {
      return;
    }
    if (retransmitHandshake.claimIfDue(now)) {
      if (handshakeAttempts >= MAX_TIMER_HANDSHAKES) {
        sendKeepalive.cancel();
        actions.handshakeAttemptsExhausted();
        actions.clearStagedPackets();
        if (!zeroKeyMaterial.pending()) {
          zeroKeyMaterial.set(now + REJECT_AFTER_TIME * 3);
        }
      } else {
        handshakeAttempts++;
        actions.sendInitiation(true);
      }
    }
    if (sendKeepalive.claimIfDue(now)) {
      actions.sendKeepalive();
      if (needAnotherKeepalive) {
        needAnotherKeepalive = false;
        sendKeepalive.set(now + KEEPALIVE_TIMEOUT);
      }
    }
    if (newHandshake.claimIfDue(now)) {
      actions.sendInitiation(false);
    }
    if (zeroKeyMaterial.claimIfDue(now)) {
      actions.zeroKeyMaterial();
    }
    if (persistentKeepalive.claimIfDue(now)) {
      if (persistentKeepaliveSeconds > 0) {
        actions.sendKeepalive();
      }
    }
  }

  /** Whether a timer is pending, by name, for tests and diagnostics. */
  public boolean pending(String timer) {
    return switch (timer) {
      case "retransmit_handshake" -> retransmitHandshake.pending();
      case "send_keepalive" -> sendKeepalive.pending();
      case "new_handshake" -> newHandshake.pending();
      case "zero_key_material" -> zeroKeyMaterial.pending();
      case "persistent_keepalive" -> persistentKeepalive.pending();
      default -> throw new IllegalArgumentException(timer);
    };
  }
}
