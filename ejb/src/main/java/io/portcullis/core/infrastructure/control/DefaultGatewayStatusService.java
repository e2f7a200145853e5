package io.portcullis.core.infrastructure.control;

import io.portcullis.core.application.ControlChannelView;
import io.portcullis.core.application.GatewayStatusService;
import io.portcullis.core.application.GatewayStatusView;
import io.portcullis.core.application.UnknownObjectException;
import io.portcullis.core.application.security.AdminOnly;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Gateway status from the connection rows, with the live streams' last-seen times and revisions on top. */
@Stateless
@AdminOnly
public class DefaultGatewayStatusService implements GatewayStatusService {

  private static final String SELECT =
      """
      SELECT g.id, g.name, g.location_id, c.connected, c.connected_since, c.last_seen_at, c.disconnected_at,
             c.version, c.hostname, c.remote_address, c.mode, c.applied_revision, g.token_revoked_at
      FROM gateway g LEFT JOIN gateway_connection c ON c.gateway_id = g.id
      """;

  @PersistenceContext(unitName = "portcullis")
  private EntityManager em;

  @Inject private LocationFeeds feeds;
  @Inject private ControlCounters counters;
  @EJB private ControlServer server;

  @Override
  public List<GatewayStatusView> list(Long locationId) {
    var query =
        em.createNativeQuery(
            SELECT + (locationId == null ? "" : " WHERE g.location_id = ?1") + " ORDER BY g.id", Object[].class);
    if (locationId != null) {
      query.setParameter(1, locationId);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    Map<Long, GatewaySession> live = liveSessions();
    List<GatewayStatusView> views = new ArrayList<>();
    for (Object[] row : rows) {
      views.add(view(row, live));
    }
    return views;
  }

  @Override
  public GatewayStatusView get(long gatewayId) throws UnknownObjectException {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(SELECT + " WHERE g.id = ?1", Object[].class).setParameter(1, gatewayId).getResultList();
    if (rows.isEmpty()) {
      throw new UnknownObjectException("Gateway", gatewayId);
    }
    return view(rows.get(0), liveSessions());
  }

  @Override
  public ControlChannelView channel() {
    Map<String, Long> refusals = new LinkedHashMap<>();
    counters.refusals().forEach((k, v) -> refusals.put(k.name().toLowerCase(Locale.ROOT).replace('_', '-'), v));
    ControlSettings settings = server.settings();
    return new ControlChannelView(
        server.port(),
        settings.tls().name().toLowerCase(Locale.ROOT).replace('_', '-'),
        settings.mutualTls(),
        (int) feeds.sessions().stream().filter(GatewaySession::live).count(),
        counters.streamsOpened(),
        refusals,
        counters.fullConfigurations(),
        counters.incrementalUpdates(),
        counters.statsReports(),
        counters.certificatesRenewed(),
        renewalRefusals());
  }

  private Map<String, Long> renewalRefusals() {
    Map<String, Long> refusals = new LinkedHashMap<>();
    counters.renewalRefusals().forEach((k, v) -> refusals.put(k.code(), v));
    return refusals;
  }

  private Map<Long, GatewaySession> liveSessions() {
    Map<Long, GatewaySession> live = new LinkedHashMap<>();
    for (GatewaySession s : feeds.sessions()) {
      if (s.live()) {
        live.merge(s.gateway().gatewayId(), s, (a, b) -> a.connectedAt().isAfter(b.connectedAt()) ? a : b);
      }
    }
    return live;
  }

  private GatewayStatusView view(Object[] row, Map<Long, GatewaySession> live) {
    long id = ((Number) row[0]).longValue();
    long locationId = ((Number) row[2]).longValue();
    GatewaySession session = live.get(id);
    Instant lastSeen = instant(row[5]);
    long applied = row[11] == null ? 0 : ((Number) row[11]).longValue();
    if (session != null) {
      lastSeen = session.lastSeen();
      applied = Math.max(applied, session.appliedRevision());
    }
    return new GatewayStatusView(
        id,
        (String) row[1],
        locationId,
        session != null,
        instant(row[4]),
        lastSeen,
        session != null ? null : instant(row[6]),
        (String) row[7],
        (String) row[8],
        (String) row[9],
        (String) row[10],
        applied,
        feeds.revision(locationId),
        row[12] != null,
        session == null ? null : session.certificateSerial());
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
