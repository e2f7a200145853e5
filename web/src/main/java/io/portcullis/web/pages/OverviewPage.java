package io.portcullis.web.pages;

import io.portcullis.core.application.AuditService;
import io.portcullis.core.application.AuditView;
import io.portcullis.core.application.GatewayStatusService;
import io.portcullis.core.application.GatewayStatusView;
import io.portcullis.core.application.LocationService;
import io.portcullis.core.application.LocationView;
import io.portcullis.core.application.TrafficStatsService;
import io.portcullis.core.application.TrafficView;
import io.portcullis.core.application.UnknownObjectException;
import io.portcullis.core.application.security.Access;
import io.portcullis.core.domain.model.audit.AuditRepository.AuditFilter;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.web.charts.TrafficChart;
import io.portcullis.web.charts.TrafficChart.Range;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The start page. Administrators: each location with its gateways, the devices connected now, and its traffic in
 * and out over the last hour or day as a chart; the latest audit events. The page polls every 15 s.
 */
@Named
@ViewScoped
public class OverviewPage implements Serializable {

  private static final long serialVersionUID = 1L;
  /** A peer whose last handshake is younger than this has a live session (WireGuard's reject-after-time). */
  static final Duration CONNECTED = Duration.ofSeconds(180);

  @EJB private LocationService locations;
  @EJB private GatewayStatusService gateways;
  @EJB private TrafficStatsService traffic;
  @EJB private AuditService audit;
  @Inject private Access access;

  private Range range = Range.HOUR;
  private final PerRequest<List<LocationRow>> rows = new PerRequest<>();

  /** One location: its gateways, the devices with a live session, its traffic. */
  public record LocationRow(
      LocationView location, List<GatewayStatusView> gateways, long connectedDevices, String lastHandshake,
      String chart, String totalIn, String totalOut) {
    public long getConnected() {
      return gateways.stream().filter(GatewayStatusView::connected).count();
    }
  }

  public List<LocationRow> getLocations() {
    if (!access.caller().admin()) {
      return List.of();
    }
    return rows.get(() -> {
      Instant now = Instant.now();
      return locations.list(null, new PageRequest(0, 100)).items().stream().map(l -> row(l, now)).toList();
    });
  }

  private LocationRow row(LocationView location, Instant now) {
    TrafficView view;
    try {
      view = traffic.location(location.id(), range.since(now));
    } catch (UnknownObjectException gone) { // deleted between the list and here
      view = new TrafficView("location", location.id(), 0, 0, null, List.of(), List.of(), List.of());
    }
    long live = view.peers().stream()
        .filter(p -> p.lastHandshake() != null && p.lastHandshake().isAfter(now.minus(CONNECTED)))
        .map(p -> p.deviceId() == null ? p.publicKey() : p.deviceId())
        .distinct().count();
    TrafficChart.Series series = TrafficChart.series(view, range, now);
    return new LocationRow(location, gateways.list(location.id()), live, TrafficChart.ago(view.lastHandshake(), now),
        TrafficChart.json(series, range, ZoneId.systemDefault()),
        TrafficChart.bytes(series.totalIn()), TrafficChart.bytes(series.totalOut()));
  }

  public List<AuditView> getRecentEvents() {
    if (!access.caller().admin()) {
      return List.of();
    }
    return audit.list(new AuditFilter(null, null, null, null, null, null), new PageRequest(0, 10)).items();
  }

  public Range[] getRanges() {
    return Range.values();
  }

  public String getRange() {
    return range.name();
  }

  public void setRange(String range) {
    this.range = Range.valueOf(Objects.requireNonNull(range));
    rows.clear();
  }

  public String getRangeLabel() {
    return range.label().toLowerCase(java.util.Locale.ROOT);
  }
}
