package io.portcullis.core.application.internal;

import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.ConflictException;
import io.portcullis.core.application.CreatedGateway;
import io.portcullis.core.application.GatewayService;
import io.portcullis.core.application.GatewayView;
import io.portcullis.core.application.UnknownObjectException;
import io.portcullis.core.domain.model.audit.AuditAction;
import io.portcullis.core.domain.model.gateway.Gateway;
import io.portcullis.core.domain.model.gateway.GatewayRepository;
import io.portcullis.core.domain.model.gateway.GatewayToken;
import io.portcullis.core.domain.model.location.Location;
import io.portcullis.core.domain.model.location.LocationRepository;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.core.application.security.AdminOnly;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;

/** Gateways of locations; each gets a fresh token whose hash alone is stored. */
@Stateless
@AdminOnly
public class DefaultGatewayService implements GatewayService {

  static final String OBJECT_TYPE = "gateway";

  @Inject private GatewayRepository gateways;
  @Inject private LocationRepository locations;
  @EJB private AuditTrail audit;

  @Override
  public CreatedGateway create(long locationId, Name name) throws BusinessException {
    Location location =
        locations.find(locationId).orElseThrow(() -> new UnknownObjectException("Location", locationId));
    if (gateways.findByName(locationId, name.value()).isPresent()) {
      throw new ConflictException("duplicate-name", "Location " + locationId + " has a gateway named '" + name + "'");
    }
    GatewayToken token = GatewayToken.generate();
    Gateway gateway = new Gateway(location, name, token.hash(), Instant.now());
    gateways.add(gateway);
    GatewayView view = ViewAssembler.gateway(gateway);
    audit.record(AuditAction.CREATE, OBJECT_TYPE, gateway.id(), view.name(), null, view);
    return new CreatedGateway(view, token.value());
  }

  @Override
  public GatewayView get(long id) throws UnknownObjectException {
    return ViewAssembler.gateway(find(id));
  }

  @Override
  public Page<GatewayView> list(Long locationId, String q, PageRequest page) {
    return gateways.list(locationId, q, page).map(ViewAssembler::gateway);
  }

  @Override
  public GatewayView rename(long id, Name name) throws BusinessException {
    Gateway gateway = find(id);
    GatewayView before = ViewAssembler.gateway(gateway);
    var clash = gateways.findByName(gateway.location().id(), name.value());
    if (clash.isPresent() && !clash.get().equals(gateway)) {
      throw new ConflictException("duplicate-name", "The location has a gateway named '" + name + "'");
    }
    gateway.rename(name);
    GatewayView after = ViewAssembler.gateway(gateway);
    audit.record(AuditAction.UPDATE, OBJECT_TYPE, id, after.name(), before, after);
    return after;
  }

  @Override
  public void delete(long id) throws UnknownObjectException {
    Gateway gateway = find(id);
    GatewayView before = ViewAssembler.gateway(gateway);
    gateways.remove(gateway);
    audit.record(AuditAction.DELETE, OBJECT_TYPE, id, before.name(), before, null);
  }

  private Gateway find(long id) throws UnknownObjectException {
    return gateways.find(id).orElseThrow(() -> new UnknownObjectException("Gateway", id));
  }
}
