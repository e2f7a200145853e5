package io.portcullis.rest.me;

import io.portcullis.core.application.Caller;
import io.portcullis.core.application.UnknownObjectException;
import io.portcullis.core.application.UserService;
import io.portcullis.core.application.UserView;
import io.portcullis.core.application.security.Access;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/v1/me}: who the caller is, as the core sees them (user record, admin or not, how they signed in). */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  @Inject private Access access;
  @EJB private UserService users;

  /** The caller and their user record. */
  public record Me(String username, boolean admin, String via, UserView user) {}

  @GET
  public Me get() throws UnknownObjectException {
    Caller caller = access.caller();
    return new Me(caller.username(), caller.admin(), caller.via().name().toLowerCase(java.util.Locale.ROOT),
        caller.userId() == null ? null : users.get(caller.userId()));
  }
}
