package io.portcullis.core.infrastructure.control;

import io.portcullis.core.application.TrafficStatsService;
import io.portcullis.core.application.TrafficView;
import io.portcullis.core.application.UnknownObjectException;
import io.portcullis.core.application.security.Access;
import io.portcullis.core.application.security.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Reads the stored stats samples: the latest per peer and gateway, and sums over time. */
@Stateless
public class DefaultTrafficStatsService implements TrafficStatsService {

  private static final String DEVICE = "device_id = ?1";
  private static final String USER = "device_id IN (SELECT id FROM device WHERE user_id = ?1)";
  private static final String LOCATION = "location_id = ?1";

  @PersistenceContext(unitName = "portcullis")
  private EntityManager em;

  @Inject private Access access;

  @Override
  public TrafficView device(long deviceId, Instant since) throws UnknownObjectException {
    requireExists("device", "Device", deviceId);
    Object owner = em.createNativeQuery("SELECT user_id FROM device WHERE id = ?1").setParameter(1, deviceId).getSingleResult();
    access.requireSelfOrAdmin(((Number) owner).longValue());
    return view("device", deviceId, DEVICE, since);
  }

  @Override
  public TrafficView user(long userId, Instant since) throws UnknownObjectException {
    access.requireSelfOrAdmin(userId);
    requireExists("portcullis_user", "User", userId);
    return view("user", userId, USER, since);
  }

  @Override
  @AdminOnly
  public TrafficView location(long locationId, Instant since) throws UnknownObjectException {
    requireExists("vpn_location", "Location", locationId);
    return view("location", locationId, LOCATION, since);
  }

  private void requireExists(String table, String type, long id) throws UnknownObjectException {
    if (em.createNativeQuery("SELECT 1 FROM " + table + " WHERE id = ?1").setParameter(1, id).getResultList().isEmpty()) {
      throw new UnknownObjectException(type, id);
    }
  }

  private TrafficView view(String scope, long id, String filter, Instant since) {
    @SuppressWarnings("unchecked")
    List<Object[]> latest =
        em.createNativeQuery(
                "SELECT DISTINCT ON (gateway_id, public_key) device_id, public_key, gateway_id, rx_bytes, tx_bytes,"
                    + " last_handshake, endpoint, collected_at FROM peer_stats_raw WHERE " + filter
                    + " ORDER BY gateway_id, public_key, collected_at DESC",
                Object[].class)
            .setParameter(1, id)
            .getResultList();
    List<TrafficView.Peer> peers = new ArrayList<>();
    long rx = 0;
    long tx = 0;
    Instant handshake = null;
    for (Object[] r : latest) {
      TrafficView.Peer p =
          new TrafficView.Peer(
              r[0] == null ? null : ((Number) r[0]).longValue(),
              (String) r[1],
              ((Number) r[2]).longValue(),
              ((Number) r[3]).longValue(),
              ((Number) r[4]).longValue(),
              instant(r[5]),
              (String) r[6],
              instant(r[7]));
      peers.add(p);
      rx += p.rxBytes();
      tx += p.txBytes();
      if (p.lastHandshake() != null && (handshake == null || p.lastHandshake().isAfter(handshake))) {
        handshake = p.lastHandshake();
      }
    }
    OffsetDateTime from = since.atOffset(ZoneOffset.UTC);
    // Each peer's counters per bucket: the highest per minute from the raw samples, the hourly rows before. Plus, per
    // peer, its last counters before the window ("base" rows: the last raw sample of the 15 minutes and the last
    // hourly row of the two hours before it), so that the growth in a peer's first bucket of the window is counted
    // too; base rows only feed lag() and are not buckets of the answer.
    String perPeer =
        "SELECT date_trunc('minute', collected_at) AS bucket, gateway_id, public_key,"
            + " max(rx_bytes) AS rx, max(tx_bytes) AS tx, false AS base FROM peer_stats_raw WHERE " + filter
            + " AND collected_at >= ?2 GROUP BY 1, 2, 3"
            + " UNION ALL SELECT hour, gateway_id, public_key, rx_bytes, tx_bytes, false FROM peer_stats_hourly"
            + " WHERE " + filter + " AND hour >= ?2"
            + " UNION ALL (SELECT DISTINCT ON (gateway_id, public_key) date_trunc('minute', collected_at), gateway_id,"
            + " public_key, rx_bytes, tx_bytes, true FROM peer_stats_raw WHERE " + filter
            + " AND collected_at < ?2 AND collected_at >= ?3 ORDER BY gateway_id, public_key, collected_at DESC)"
            + " UNION ALL (SELECT DISTINCT ON (gateway_id, public_key) hour, gateway_id, public_key, rx_bytes, tx_bytes,"
            + " true FROM peer_stats_hourly WHERE " + filter
            + " AND hour < ?2 AND hour >= ?4 ORDER BY gateway_id, public_key, hour DESC)";
    // One pass gives both series: per bucket the sums of the counters, and what moved: per peer the growth of its
    // counters since its previous bucket or base row (a counter that went down was restarted by its gateway: then all
    // of its new value is new traffic), summed over the peers. A peer with nothing before its first bucket in the
    // window (a new peer) counts nothing there. A base row sorts before a bucket of the same minute.
    @SuppressWarnings("unchecked")
    List<Object[]> series =
        em.createNativeQuery(
                "SELECT bucket, sum(rx), sum(tx),"
                    + " sum(CASE WHEN prx IS NULL THEN 0 WHEN rx < prx THEN rx ELSE rx - prx END),"
                    + " sum(CASE WHEN ptx IS NULL THEN 0 WHEN tx < ptx THEN tx ELSE tx - ptx END)"
                    + " FROM (SELECT bucket, base, rx, tx, lag(rx) OVER w AS prx, lag(tx) OVER w AS ptx"
                    + " FROM (" + perPeer + ") s"
                    + " WINDOW w AS (PARTITION BY gateway_id, public_key ORDER BY bucket, base DESC)) d"
                    + " WHERE NOT base GROUP BY bucket ORDER BY bucket",
                Object[].class)
            .setParameter(1, id)
            .setParameter(2, from)
            .setParameter(3, from.minusMinutes(15))
            .setParameter(4, from.minusHours(2))
            .getResultList();
    List<TrafficView.Sample> samples = new ArrayList<>();
    List<TrafficView.Volume> volumes = new ArrayList<>();
    for (Object[] r : series) {
      Instant at = instant(r[0]);
      samples.add(new TrafficView.Sample(at, ((Number) r[1]).longValue(), ((Number) r[2]).longValue()));
      volumes.add(new TrafficView.Volume(at, ((Number) r[3]).longValue(), ((Number) r[4]).longValue()));
    }
    return new TrafficView(scope, id, rx, tx, handshake, peers, samples, volumes);
  }

  private static Instant instant(Object value) {
    return switch (value) {
      case null -> null;
      case Instant i -> i;
      case OffsetDateTime o -> o.toInstant();
      case java.sql.Timestamp t -> t.toInstant();
      case java.util.Date d -> d.toInstant();
      default -> throw new IllegalStateException("not a time: " + value.getClass());
    };
  }
}
