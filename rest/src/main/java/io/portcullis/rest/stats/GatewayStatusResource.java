package io.portcullis.rest.stats;

import io.portcullis.core.application.security.AdminOnly;
import io.portcullis.core.application.GatewayStatusService;
import io.portcullis.core.application.GatewayStatusView;
import io.portcullis.core.application.UnknownObjectException;
import io.portcullis.rest.common.QueryParameters;
import io.portcullis.rest.problem.FieldErrors;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code /api/v1/gateway-status}: whether each gateway is connected, since when, its version, address and mode. */
@AdminOnly
@Path("gateway-status")
@Produces(MediaType.APPLICATION_JSON)
public class GatewayStatusResource {

  @EJB private GatewayStatusService status;

  @GET
  public List<GatewayStatusView> list(@QueryParam("locationId") String locationId) {
    FieldErrors errors = new FieldErrors();
    Long location = QueryParameters.id(errors, "locationId", locationId);
    errors.throwIfAny();
    return status.list(location);
  }

  @GET
  @Path("{id}")
  public GatewayStatusView get(@PathParam("id") long id) throws UnknownObjectException {
    return status.get(id);
  }
}
