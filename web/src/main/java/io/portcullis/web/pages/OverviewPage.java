package io.portcullis.web.pages;

import io.portcullis.core.application.AuditService;
import io.portcullis.core.application.AuditView;
import io.portcullis.core.application.GatewayStatusService;
import io.portcullis.core.application.GatewayStatusView;
import io.portcullis.core.application.LocationService;
import io.portcullis.core.application.LocationView;
import io.portcullis.core.application.security.Access;
import io.portcullis.core.domain.model.audit.AuditRepository.AuditFilter;
import io.portcullis.core.domain.model.shared.PageRequest;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The start page: for admins each location with its gateways and the latest audit events. */
@Named
@RequestScoped
public class OverviewPage {

  @EJB private LocationService locations;
  @EJB private GatewayStatusService gateways;
  @EJB private AuditService audit;
  @Inject private Access access;

  /** One location and the state of its gateways. */
  public record LocationRow(LocationView location, List<GatewayStatusView> gateways) {
    public long getConnected() {
      return gateways.stream().filter(GatewayStatusView::connected).count();
    }
  }

  public List<LocationRow> getLocations() {
    if (!access.caller().admin()) {
      return List.of();
    }
    return locations.list(null, new PageRequest(0, 100)).items().stream()
        .map(l -> new LocationRow(l, gateways.list(l.id())))
        .toList();
  }

  public List<AuditView> getRecentEvents() {
    if (!access.caller().admin()) {
      return List.of();
    }
    return audit.list(new AuditFilter(null, null, null, null, null, null), new PageRequest(0, 10)).items();
  }
}
