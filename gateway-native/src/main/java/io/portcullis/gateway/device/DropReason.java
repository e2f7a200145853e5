package io.portcullis.gateway.device;

import java.util.Locale;

/** Why the data plane discarded a packet; each reason has its own counter (see {@link DeviceCounters}). */
public enum DropReason {
  /** Unknown type, non-zero reserved bytes or a size that does not fit the type. */
  MALFORMED,
  /** MAC1 of a handshake message or cookie reply did not verify. */
  MAC1_INVALID,
  /** Under load, a handshake message without a valid MAC2; a cookie reply was sent instead. */
  MAC2_INVALID,
  /** Under load, the source sent more handshake messages than the rate limiter allows. */
  RATE_LIMITED,
  /** The handshake queue was full. */
  HANDSHAKE_QUEUE_FULL,
  /** No private key is configured, so no handshake can be answered. */
  NO_PRIVATE_KEY,
  /** An initiation whose static key could not be decrypted or names no configured peer. */
  INITIATION_INVALID,
  /** An initiation whose timestamp is not newer than the last one of that peer (replay). */
  INITIATION_REPLAYED,
  /** An initiation sooner than {@link Limits#HANDSHAKE_INITIATION_RATE} after the previous one of the peer. */
  INITIATION_FLOOD,
  /** A response to no initiation of ours, or one that did not decrypt. */
  RESPONSE_INVALID,
  /** A cookie reply for no handshake of ours, or one that did not decrypt. */
  COOKIE_INVALID,
  /** Transport data for an index we do not know. */
  DATA_UNKNOWN_INDEX,
  /** Transport data for a keypair older than REJECT_AFTER_TIME or beyond REJECT_AFTER_MESSAGES. */
  DATA_KEYPAIR_EXPIRED,
  /** Transport data that did not authenticate. */
  DATA_DECRYPT_FAILED,
  /** Transport data with a counter seen before or too old for the window. */
  DATA_REPLAYED,
  /** Decrypted data that is not a well-formed IPv4 or IPv6 packet. */
  DATA_NOT_IP,
  /** Decrypted data whose source address is not in the sending peer's allowed IPs. */
  DATA_SOURCE_NOT_ALLOWED,
  /** A TUN packet that is not IPv4 or IPv6 or is truncated. */
  TX_NOT_IP,
  /**
   * A TUN read whose virtio-net header (offloads) is malformed or does not match the packet behind it: unknown
   * GSO type or flags, a checksum position outside the L4 header, headers that contradict the length.
   */
  TX_BAD_OFFLOAD_HEADER,
  /** A TUN packet whose destination no peer's allowed IPs contain. */
  TX_NO_ROUTE,
  /** A packet for a peer without an endpoint. */
  TX_NO_ENDPOINT,
  /** A packet pushed out of a full staging queue while waiting for a handshake. */
  TX_STAGED_OVERFLOW,
  /** The UDP send failed. */
  TX_SEND_FAILED,
  /** The TUN write failed. */
  TUN_WRITE_FAILED;

  /** The counter name, e.g. {@code drop.data_replayed}. */
  public String counterName() {
    return "drop." + name().toLowerCase(Locale.ROOT);
  }
}
