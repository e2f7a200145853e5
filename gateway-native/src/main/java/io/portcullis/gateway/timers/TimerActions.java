package io.portcullis.gateway.timers;

/** What a peer does when one of its timers expires; called on the timer thread. */
public interface TimerActions {

  /** Sends a handshake initiation; {@code retry} is true for a retransmission of an unanswered one. */
  void sendInitiation(boolean retry);

  /** Sends an empty transport message (or staged packets, which confirm the session as well). */
  void sendKeepalive();

  /** Drops the packets waiting for a handshake that will not come. */
  void clearStagedPackets();

  /** Forgets every keypair and the handshake state (paper 6.3, REJECT_AFTER_TIME * 3). */
  void zeroKeyMaterial();

  /** Gives up on the current handshake after MAX_TIMER_HANDSHAKES attempts. */
  void handshakeAttemptsExhausted();
}
