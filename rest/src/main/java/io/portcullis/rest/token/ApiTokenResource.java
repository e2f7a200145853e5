package io.portcullis.rest.token;

import io.portcullis.core.application.ApiTokenService;
import io.portcullis.core.application.ApiTokenView;
import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.CreatedApiToken;
import io.portcullis.core.application.UnknownObjectException;
import io.portcullis.rest.common.Bodies;
import io.portcullis.rest.common.Created;
import io.portcullis.rest.common.QueryParameters;
import io.portcullis.rest.problem.FieldErrors;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * {@code /api/v1/tokens}: personal API tokens. Everyone manages their own; admins anyone's ({@code userId}).
 * The secret is in the creation answer only; use it as {@code Authorization: Bearer pct_...}.
 */
@Path("tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiTokenResource {

  @EJB private ApiTokenService tokens;
  @Context private UriInfo uriInfo;

  @GET
  public List<ApiTokenView> list(@QueryParam("userId") String userId) throws UnknownObjectException {
    FieldErrors errors = new FieldErrors();
    Long owner = QueryParameters.id(errors, "userId", userId);
    errors.throwIfAny();
    return tokens.list(owner);
  }

  @POST
  public Response create(ApiTokenRequest request) throws BusinessException {
    ApiTokenRequest.Parsed parsed = Bodies.require(request).parse();
    CreatedApiToken created = tokens.create(parsed.userId(), parsed.name(), parsed.expiresAt());
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.fromResponse(Created.at(uriInfo, ApiTokenResource.class, created.token().id(), created))
        .cacheControl(noStore)
        .build();
  }

  @GET
  @Path("{id}")
  public ApiTokenView get(@PathParam("id") long id) throws UnknownObjectException {
    return tokens.get(id);
  }

  /** Revokes the token; it stays listed as revoked. */
  @DELETE
  @Path("{id}")
  public ApiTokenView revoke(@PathParam("id") long id) throws UnknownObjectException {
    return tokens.revoke(id);
  }
}
