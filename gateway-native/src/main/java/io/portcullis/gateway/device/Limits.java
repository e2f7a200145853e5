package io.portcullis.gateway.device;

/**
 * Implementation constants of the userspace device: the figures the paper leaves to the implementation, chosen
 * as the Linux implementation chose them unless stated. Protocol constants are in
 * {@link io.portcullis.gateway.wire.Protocol}.
 */
public final class Limits {
  private Limits() {}

  private static final long SECOND = 1_000_000_000L;

  /** Packets kept per peer while waiting for a handshake; older ones are dropped first. */
  public static final int MAX_STAGED_PACKETS = 128;

  /** Handshake messages waiting for the handshake thread; beyond that they are dropped. */
  public static final int MAX_QUEUED_INCOMING_HANDSHAKES = 4096;

  /** The device is "under load" (cookies required) while this many handshakes are queued. */
  public static final int UNDER_LOAD_QUEUE_LENGTH = MAX_QUEUED_INCOMING_HANDSHAKES / 8;

  /** Once under load, the device stays so for this long after the queue shrinks. */
  public static final long UNDER_LOAD_AFTER_TIME = SECOND;

  /** At most this many initiations per second are consumed from one peer (flood protection). */
  public static final int INITIATIONS_PER_SECOND = 50;

  /** The minimum time between two consumed initiations of one peer. */
  public static final long HANDSHAKE_INITIATION_RATE = SECOND / INITIATIONS_PER_SECOND;

  /** A cookie is used by the initiator only while younger than the secret's lifetime minus this margin. */
  public static final long COOKIE_SECRET_LATENCY = 5 * SECOND;

  /** Most peers on one device. */
  public static final int MAX_PEERS = 1 << 20;

  /** The MTU used when nobody set one (wg-quick's default for IPv4+IPv6 over Ethernet). */
  public static final int DEFAULT_MTU = 1420;

  /** Largest IP packet the device reads from TUN or accepts after decryption. */
  public static final int MAX_PACKET_SIZE = 65_535;

  /**
   * Free bytes in front of every packet buffer: the transport header is written there in front of a TUN packet
   * (16 bytes), and a later virtio_net_hdr for TUN offloads needs at most 12 more.
   */
  public static final int HEADROOM = 32;

  /** Size of every data-plane buffer: headroom, the largest packet, padding and the AEAD tag. */
  public static final int BUFFER_SIZE = HEADROOM + MAX_PACKET_SIZE + 16 + 16;

  /** Packets read or received per batch. */
  public static final int BATCH_SIZE = 32;

  /** How often the timer thread looks at every peer's deadlines. */
  public static final long TIMER_TICK = 10_000_000L;
}
