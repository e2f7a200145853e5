package io.portcullis.rest.identity;

import io.portcullis.core.application.IdentitySyncService;
import io.portcullis.core.application.IdentitySyncService.SyncReport;
import io.portcullis.core.application.security.AdminOnly;
import jakarta.ejb.EJB;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/v1/identity/sync}: imports Keycloak's users and groups now (the same run the periodic timer
 * does) and answers what it did.
 */
@AdminOnly
@Path("identity/sync")
@Produces(MediaType.APPLICATION_JSON)
public class IdentitySyncResource {

  @EJB private IdentitySyncService sync;

  @POST
  public SyncReport sync() {
    return sync.sync();
  }
}
