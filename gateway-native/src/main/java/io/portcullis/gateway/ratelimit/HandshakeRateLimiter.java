package io.portcullis.gateway.ratelimit;

import io.portcullis.gateway.time.Clock;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A token bucket per source address that limits how many handshake messages a responder under load processes
 * (the paper's 5.3 "DoS mitigation"; the same figures as the Linux implementation): IPv4 sources count per
 * address, IPv6 sources per /64, so one host cannot claim a fresh address per packet.
 *
 * <p>Not thread-safe: used only by the thread that consumes handshake messages. Memory is bounded by
 * {@link #MAX_ENTRIES}; when full, new sources are refused until idle entries expire.
 */
public final class HandshakeRateLimiter {
  /** Sustained handshake messages per second per source. */
  public static final int PACKETS_PER_SECOND = 20;

  /** Messages a source may send in a burst above the sustained rate. */
  public static final int PACKETS_BURST = 5;

  /** Most sources tracked at once. */
  public static final int MAX_ENTRIES = 65_536;

  private static final long PACKET_COST = 1_000_000_000L / PACKETS_PER_SECOND;
  private static final long TOKEN_MAX = PACKET_COST * PACKETS_BURST;
  private static final long IDLE_EXPIRY = 1_000_000_000L;

  private static final class Bucket {
    long lastNanos;
    long tokens;
  }

  private final Clock clock;
  private final Map<Long, Bucket> v4 = new HashMap<>();
  private final Map<Long, Bucket> v6 = new HashMap<>();
  private long lastSweep;

  public HandshakeRateLimiter(Clock clock) {
    this.clock = clock;
    this.lastSweep = clock.nanoTime();
  }

  /** Whether one more handshake message from {@code source} may be processed now; spends a token if so. */
  public boolean allow(InetAddress source) {
    long now = clock.nanoTime();
    if (now - lastSweep >= IDLE_EXPIRY) {
      sweep(now);
    }
    byte[] a = source.getAddress();
    boolean isV4 = source instanceof Inet4Address;
    long key = 0;
    int n = isV4 ? 4 : 8;
    for (int i = 0; i < n; i++) {
      key = (key << 8) | (a[i] & 0xff);
    }
    Map<Long, Bucket> map = isV4 ? v4 : v6;
    Bucket b = map.get(key);
    if (b == null) {
      if (v4.size() + v6.size() >= MAX_ENTRIES) {
        return false;
      }
      b = new Bucket();
      b.lastNanos = now;
      b.tokens = TOKEN_MAX - PACKET_COST;
      map.put(key, b);
      return true;
    }
    long tokens = Math.min(TOKEN_MAX, b.tokens + Math.max(0, now - b.lastNanos));
    b.lastNanos = now;
    if (tokens >= PACKET_COST) {
      b.tokens = tokens - PACKET_COST;
      return true;
    }
    b.tokens = tokens;
    return false;
  }

  private void sweep(long now) {
    lastSweep = now;
    for (Map<Long, Bucket> map : java.util.List.of(v4, v6)) {
      for (Iterator<Bucket> it = map.values().iterator(); it.hasNext(); ) {
        if (now - it.next().lastNanos >= IDLE_EXPIRY) {
          it.remove();
        }
      }
    }
  }

  /** Number of sources currently tracked. */
  public int size() {
    return v4.size() + v6.size();
  }
}
