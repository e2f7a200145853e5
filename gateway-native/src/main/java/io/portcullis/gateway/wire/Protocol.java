package io.portcullis.gateway.wire;

import java.nio.charset.StandardCharsets;

/**
 * The constants of the WireGuard protocol, with the names of the paper ("WireGuard: Next Generation Kernel Network
 * Tunnel", J. A. Donenfeld, NDSS 2017, https://www.wireguard.com/papers/wireguard.pdf) and of the message layouts
 * in its section 5.4. Implementation choices that the paper does not fix live in
 * {@link io.portcullis.gateway.device.Limits}.
 */
public final class Protocol {
  private Protocol() {}

  private static final long SECOND = 1_000_000_000L;

  // --- Section 6.1, "Timers & Stateless UX": the table of constants. ---

  /** Send a new handshake after this many messages with one keypair (paper 6.1: 2^60). */
  public static final long REKEY_AFTER_MESSAGES = 1L << 60;

  /** Never use a keypair for more than this many messages (paper 6.1: 2^64 - 2^13 - 1). */
  public static final long REJECT_AFTER_MESSAGES = -1L - (1L << 13); // as unsigned: 2^64 - 2^13 - 1

  /** The initiator starts a new handshake when its keypair is this old (paper 6.1: 120 s). */
  public static final long REKEY_AFTER_TIME = 120 * SECOND;

  /** A keypair older than this is never used (paper 6.1: 180 s). */
  public static final long REJECT_AFTER_TIME = 180 * SECOND;

  /** Stop retrying a handshake after this long (paper 6.1: 90 s). */
  public static final long REKEY_ATTEMPT_TIME = 90 * SECOND;

  /** Retransmit an unanswered initiation after this long, plus jitter (paper 6.1: 5 s). */
  public static final long REKEY_TIMEOUT = 5 * SECOND;

  /** Up to this much random jitter is added to {@link #REKEY_TIMEOUT} (paper 6.1: 1/3 s). */
  public static final long REKEY_TIMEOUT_JITTER_MAX = SECOND / 3;

  /** Send an empty packet after receiving data and sending nothing for this long (paper 6.1: 10 s). */
  public static final long KEEPALIVE_TIMEOUT = 10 * SECOND;

  /** A responder's cookie secret changes this often (paper 6.1 and 5.4.7: 120 s). */
  public static final long COOKIE_REFRESH_TIME = 120 * SECOND;

  /** Number of initiations sent before giving up: REKEY_ATTEMPT_TIME / REKEY_TIMEOUT (paper 6.4). */
  public static final int MAX_TIMER_HANDSHAKES = (int) (REKEY_ATTEMPT_TIME / REKEY_TIMEOUT);

  // --- Section 5.4: message types and sizes. ---

  public static final byte MESSAGE_INITIATION_TYPE = 1;
  public static final byte MESSAGE_RESPONSE_TYPE = 2;
  public static final byte MESSAGE_COOKIE_REPLY_TYPE = 3;
  public static final byte MESSAGE_TRANSPORT_TYPE = 4;

  /** Size of a handshake initiation (paper 5.4.2). */
  public static final int MESSAGE_INITIATION_SIZE = 148;

  /** Size of a handshake response (paper 5.4.3). */
  public static final int MESSAGE_RESPONSE_SIZE = 92;

  /** Size of a cookie reply (paper 5.4.7). */
  public static final int MESSAGE_COOKIE_REPLY_SIZE = 64;

  /** Header of a transport data message: type, reserved, receiver index, counter (paper 5.4.6). */
  public static final int MESSAGE_TRANSPORT_HEADER_SIZE = 16;

  /** Poly1305 tag length (RFC 8439). */
  public static final int AEAD_TAG_SIZE = 16;

  /** Smallest transport message: a keepalive, header plus tag of an empty payload. */
  public static final int MESSAGE_TRANSPORT_MIN_SIZE = MESSAGE_TRANSPORT_HEADER_SIZE + AEAD_TAG_SIZE;

  /** Plaintext is padded to a multiple of this (paper 5.4.6). */
  public static final int MESSAGE_PADDING_MULTIPLE = 16;

  /** Length of keys, hashes and chaining keys. */
  public static final int KEY_SIZE = 32;

  /** Length of a TAI64N timestamp (paper 5.4.2): 8 bytes of seconds, 4 of nanoseconds, big-endian. */
  public static final int TIMESTAMP_SIZE = 12;

  /** Length of MAC1, MAC2 and cookies (paper 5.4.4). */
  public static final int MAC_SIZE = 16;

  /** Length of the XChaCha20 nonce of a cookie reply (paper 5.4.7). */
  public static final int COOKIE_NONCE_SIZE = 24;

  // --- Section 5.4: construction strings. ---

  /** The Noise protocol name, the first input to the chaining key (paper 5.4). */
  public static final byte[] CONSTRUCTION =
      "Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s".getBytes(StandardCharsets.US_ASCII);

  /** The prologue mixed into the initial hash (paper 5.4). */
  public static final byte[] IDENTIFIER =
      "WireGuard v1 zx2c4 Jason@zx2c4.com".getBytes(StandardCharsets.US_ASCII);

  /** Label for deriving the MAC1 key from the receiver's public key (paper 5.4.4). */
  public static final byte[] LABEL_MAC1 = "mac1----".getBytes(StandardCharsets.US_ASCII);

  /** Label for deriving the cookie encryption key from the public key (paper 5.4.7). */
  public static final byte[] LABEL_COOKIE = "cookie--".getBytes(StandardCharsets.US_ASCII);

  /** Whether {@code counter} (unsigned) may still be used for sending or receiving with one keypair. */
  public static boolean counterBelowRejectLimit(long counter) {
    return Long.compareUnsigned(counter, REJECT_AFTER_MESSAGES) < 0;
  }
}
