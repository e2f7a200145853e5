package io.portcullis.core.application;

import java.time.Instant;
import java.util.List;

/**
 * Traffic of a device, a user's devices or a location, from the gateways' stats reports. Counters are the
 * gateways' cumulative per-peer counters (they restart at zero when a gateway restarts).
 *
 * @param scope {@code device}, {@code user} or {@code location}
 * @param id the device, user or location
 * @param rxBytes sum of the latest received-byte counters (received by the gateway, i.e. sent by the device)
 * @param txBytes sum of the latest transmitted-byte counters
 * @param lastHandshake the most recent handshake of any peer, null if none
 * @param peers the latest sample of each peer on each gateway
 * @param samples sums of the counters over time: per minute for the last day, per hour before
 * @param volumes the bytes that moved in each of those buckets (growth of each peer's counters since its previous
 *     bucket; a peer's first bucket in the window counts nothing)
 */
public record TrafficView(
    String scope,
    long id,
    long rxBytes,
    long txBytes,
    Instant lastHandshake,
    List<Peer> peers,
    List<Sample> samples,
    List<Volume> volumes) {

  /** The latest counters of one peer on one gateway. */
  public record Peer(
      Long deviceId,
      String publicKey,
      long gatewayId,
      long rxBytes,
      long txBytes,
      Instant lastHandshake,
      String endpoint,
      Instant collectedAt) {}

  /** Counter sums at one point in time. */
  public record Sample(Instant at, long rxBytes, long txBytes) {}

  /** Bytes received and sent in the bucket that starts at {@code at}. */
  public record Volume(Instant at, long rxBytes, long txBytes) {}
}
