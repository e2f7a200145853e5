package io.portcullis.core.infrastructure.control;

import io.portcullis.core.domain.model.wireguard.WireGuardKey;
import io.portcullis.proto.gateway.v1.PeerStats;
import io.portcullis.proto.gateway.v1.StatsReport;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Stores the per-peer counters of gateways' stats reports as raw samples (one JDBC batch per report), and folds
 * samples older than a day into hourly rows. Peers whose counters did not move since the gateway's previous
 * report are filtered out by the caller, so an idle location of 10,000 peers costs nothing.
 */
@Stateless
public class TrafficRecorder {
  private static final Logger LOG = Logger.getLogger(TrafficRecorder.class);

  private static final String INSERT =
      """
      INSERT INTO peer_stats_raw (gateway_id, location_id, device_id, public_key, collected_at, rx_bytes, tx_bytes,
                                  last_handshake, endpoint)
      VALUES (?, ?, (SELECT id FROM device WHERE public_key = ?), ?, ?, ?, ?, ?, ?)
      """;

  private static final String FOLD =
      """
      INSERT INTO peer_stats_hourly (gateway_id, location_id, device_id, public_key, hour, rx_bytes, tx_bytes,
                                     last_handshake, samples)
      SELECT gateway_id, location_id, max(device_id), public_key, date_trunc('hour', collected_at),
             max(rx_bytes), max(tx_bytes), max(last_handshake), count(*)
      FROM peer_stats_raw WHERE collected_at < ?
      GROUP BY gateway_id, location_id, public_key, date_trunc('hour', collected_at)
      ON CONFLICT (gateway_id, public_key, hour) DO UPDATE SET
          rx_bytes = greatest(peer_stats_hourly.rx_bytes, excluded.rx_bytes),
          tx_bytes = greatest(peer_stats_hourly.tx_bytes, excluded.tx_bytes),
          last_handshake = greatest(peer_stats_hourly.last_handshake, excluded.last_handshake),
          samples = peer_stats_hourly.samples + excluded.samples
      """;

  @Resource(lookup = "java:jboss/datasources/PortcullisDS")
  private DataSource dataSource;

  /** Stores the peers of one report (already reduced to those that changed). */
  public void record(GatewayIdentity gateway, StatsReport report, List<PeerStats> changed) {
    if (changed.isEmpty()) {
      return;
    }
    OffsetDateTime collectedAt = timestamp(report.getCollectedAt().getSeconds(), report.getCollectedAt().getNanos());
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert = c.prepareStatement(INSERT)) {
      for (PeerStats p : changed) {
        if (p.getPublicKey().size() != WireGuardKey.KEY_LENGTH) {
          continue;
        }
        String key = WireGuardKey.of(p.getPublicKey().toByteArray()).base64();
        insert.setLong(1, gateway.gatewayId());
        insert.setLong(2, gateway.locationId());
        insert.setString(3, key);
        insert.setString(4, key);
        insert.setObject(5, collectedAt);
        insert.setLong(6, p.getRxBytes());
        insert.setLong(7, p.getTxBytes());
        if (p.hasLastHandshake()) {
          insert.setObject(8, timestamp(p.getLastHandshake().getSeconds(), p.getLastHandshake().getNanos()));
        } else {
          insert.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        String endpoint = p.getEndpoint();
        insert.setString(9, endpoint.isEmpty() ? null : endpoint.substring(0, Math.min(64, endpoint.length())));
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      // Stats are best effort: a lost report is replaced by the next one (counters are cumulative).
      LOG.warnf("Stats of %s not stored: %s", gateway, e.getMessage());
    }
  }

  /**
   * Folds raw samples collected before {@code cutoff} into hourly rows and deletes them.
   *
   * @return the number of raw samples folded
   */
  public int downsample(Instant cutoff) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement fold = c.prepareStatement(FOLD);
        PreparedStatement delete = c.prepareStatement("DELETE FROM peer_stats_raw WHERE collected_at < ?")) {
      OffsetDateTime t = cutoff.atOffset(ZoneOffset.UTC);
      fold.setObject(1, t);
      fold.executeUpdate();
      delete.setObject(1, t);
      return delete.executeUpdate();
    }
  }

  private static OffsetDateTime timestamp(long seconds, int nanos) {
    return Instant.ofEpochSecond(seconds, nanos).atOffset(ZoneOffset.UTC);
  }
}
