package io.portcullis.rest.stats;

import io.portcullis.core.application.security.AdminOnly;
import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.ControlChannelView;
import io.portcullis.core.application.GatewayCredentialService;
import io.portcullis.core.application.GatewayStatusService;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/v1/control}: the gateway control channel's settings and counters, and its CA certificate. */
@AdminOnly
@Path("control")
public class ControlChannelResource {

  @EJB private GatewayStatusService status;
  @EJB private GatewayCredentialService credentials;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public ControlChannelView channel() {
    return status.channel();
  }

  /** The CA certificate gateways trust ({@code PORTCULLIS_GRPC_CA}), when the internal CA is in use. */
  @GET
  @Path("ca.pem")
  @Produces("application/x-pem-file")
  public String authority() throws BusinessException {
    return credentials.authorityCertificate();
  }
}
