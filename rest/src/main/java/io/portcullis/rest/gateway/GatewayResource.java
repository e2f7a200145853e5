package io.portcullis.rest.gateway;

import io.portcullis.core.application.security.AdminOnly;
import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.CreatedGateway;
import io.portcullis.core.application.GatewayService;
import io.portcullis.core.application.GatewayView;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.rest.common.Bodies;
import io.portcullis.rest.common.Created;
import io.portcullis.rest.common.QueryParameters;
import io.portcullis.rest.problem.FieldErrors;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/v1/gateways}: CRUD; filters {@code locationId}, {@code q}. The token is shown on creation only. */
@AdminOnly
@Path("gateways")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GatewayResource {

  @EJB private GatewayService gateways;
  @Context private UriInfo uriInfo;

  @GET
  public Page<GatewayView> list(
      @QueryParam("locationId") String locationId,
      @QueryParam("q") String q,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    FieldErrors errors = new FieldErrors();
    PageRequest page = QueryParameters.page(errors, offset, limit);
    Long location = QueryParameters.id(errors, "locationId", locationId);
    errors.throwIfAny();
    return gateways.list(location, q, page);
  }

  @POST
  public Response create(GatewayRequest request) throws BusinessException {
    long locationId = Bodies.require(request).requiredLocationId();
    CreatedGateway created = gateways.create(locationId, request.name(locationId));
    return Created.at(uriInfo, GatewayResource.class, created.gateway().id(), created);
  }

  @GET
  @Path("{id}")
  public GatewayView get(@PathParam("id") long id) throws BusinessException {
    return gateways.get(id);
  }

  /** Renames the gateway; its location cannot change. */
  @PUT
  @Path("{id}")
  public GatewayView update(@PathParam("id") long id, GatewayRequest request) throws BusinessException {
    GatewayView current = gateways.get(id);
    Name name = Bodies.require(request).name(current.locationId());
    return gateways.rename(id, name);
  }

  @DELETE
  @Path("{id}")
  public void delete(@PathParam("id") long id) throws BusinessException {
    gateways.delete(id);
  }
}
