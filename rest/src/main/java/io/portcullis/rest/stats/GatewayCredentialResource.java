package io.portcullis.rest.stats;

import io.portcullis.core.application.security.AdminOnly;
import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.CreatedGateway;
import io.portcullis.core.application.GatewayCredentialService;
import io.portcullis.core.application.IssuedGatewayCertificate;
import jakarta.ejb.EJB;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/v1/gateway-credentials/{id}}: replace or revoke a gateway's token, issue or revoke its client
 * certificates. New secrets are in the answer only.
 */
@AdminOnly
@Path("gateway-credentials/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class GatewayCredentialResource {

  @EJB private GatewayCredentialService credentials;

  @POST
  @Path("token")
  public CreatedGateway rotateToken(@PathParam("id") long id) throws BusinessException {
    return credentials.rotateToken(id);
  }

  @DELETE
  @Path("token")
  public void revokeToken(@PathParam("id") long id) throws BusinessException {
    credentials.revokeToken(id);
  }

  @POST
  @Path("certificates")
  public IssuedGatewayCertificate issueCertificate(@PathParam("id") long id) throws BusinessException {
    return credentials.issueCertificate(id);
  }

  @DELETE
  @Path("certificates/{serial}")
  public void revokeCertificate(@PathParam("id") long id, @PathParam("serial") String serial)
      throws BusinessException {
    credentials.revokeCertificate(id, serial);
  }
}
