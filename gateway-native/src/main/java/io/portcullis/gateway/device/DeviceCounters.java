package io.portcullis.gateway.device;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The device's counters: one per {@link DropReason} and one per {@link Stat}, incremented from any data-plane
 * thread without locks and read as a snapshot for {@code show} and metrics.
 */
public final class DeviceCounters {

  /** Things that happened and are worth counting, besides drops. */
  public enum Stat {
    RX_DATA_PACKETS,
    RX_KEEPALIVES,
    TX_DATA_PACKETS,
    TX_KEEPALIVES,
    HANDSHAKE_INITIATIONS_SENT,
    HANDSHAKE_INITIATIONS_RECEIVED,
    HANDSHAKE_RESPONSES_SENT,
    HANDSHAKE_RESPONSES_RECEIVED,
    COOKIE_REPLIES_SENT,
    COOKIE_REPLIES_RECEIVED,
    SESSIONS_DERIVED,
    ENDPOINT_ROAMED,
    UNDER_LOAD_ENTERED,
    KEYS_ZEROED,
    HANDSHAKE_ATTEMPTS_EXHAUSTED,
    ERRORS,
    /** TUN reads that delivered a super-packet (TSO/USO) split into several segments here. */
    TUN_GSO_SPLITS,
    /** TUN writes of a super-packet coalesced here from several decrypted segments (GRO). */
    TUN_GRO_WRITES,
    /** Decrypted segments that went to the TUN inside a coalesced super-packet. */
    TUN_GRO_SEGMENTS;

    public String counterName() {
      return "stat." + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final DropReason[] REASONS = DropReason.values();
  private static final Stat[] STATS = Stat.values();

  /** Slots are 64 bytes apart so that the send and receive threads never write to one cache line. */
  private static final int STRIDE = 8;

  private final AtomicLongArray drops = new AtomicLongArray(REASONS.length * STRIDE);
  private final AtomicLongArray stats = new AtomicLongArray(STATS.length * STRIDE);

  public void drop(DropReason r) {
    drops.getAndIncrement(r.ordinal() * STRIDE);
  }

  public void add(Stat s, long n) {
    stats.getAndAdd(s.ordinal() * STRIDE, n);
  }

  public void increment(Stat s) {
    stats.getAndIncrement(s.ordinal() * STRIDE);
  }

  public long get(DropReason r) {
    return drops.get(r.ordinal() * STRIDE);
  }

  public long get(Stat s) {
    return stats.get(s.ordinal() * STRIDE);
  }

  /** Every counter by name, drops first, in declaration order. */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (DropReason r : REASONS) {
      m.put(r.counterName(), drops.get(r.ordinal() * STRIDE));
    }
    for (Stat s : STATS) {
      m.put(s.counterName(), stats.get(s.ordinal() * STRIDE));
    }
    return m;
  }
}
