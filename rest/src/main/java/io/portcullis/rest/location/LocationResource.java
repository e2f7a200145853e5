package io.portcullis.rest.location;

import io.portcullis.core.application.security.AdminOnly;
import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.CreatedGateway;
import io.portcullis.core.application.GatewayService;
import io.portcullis.core.application.GatewayView;
import io.portcullis.core.application.LocationService;
import io.portcullis.core.application.LocationView;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.rest.common.Bodies;
import io.portcullis.rest.common.Created;
import io.portcullis.rest.common.QueryParameters;
import io.portcullis.rest.gateway.GatewayRequest;
import io.portcullis.rest.gateway.GatewayResource;
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

/** {@code /api/v1/locations}: CRUD, filter {@code q}; and the location's gateways under {@code /{id}/gateways}. */
@Path("locations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LocationResource {

  @EJB private LocationService locations;
  @EJB private GatewayService gateways;
  @Context private UriInfo uriInfo;

  @GET
  public Page<LocationView> list(
      @QueryParam("q") String q, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
    FieldErrors errors = new FieldErrors();
    PageRequest page = QueryParameters.page(errors, offset, limit);
    errors.throwIfAny();
    return locations.list(q, page);
  }

  @AdminOnly
  @POST
  public Response create(LocationRequest request) throws BusinessException {
    LocationView created = locations.create(Bodies.require(request).toDraft());
    return Created.at(uriInfo, LocationResource.class, created.id(), created);
  }

  @GET
  @Path("{id}")
  public LocationView get(@PathParam("id") long id) throws BusinessException {
    return locations.get(id);
  }

  @AdminOnly
  @PUT
  @Path("{id}")
  public LocationView update(@PathParam("id") long id, LocationRequest request) throws BusinessException {
    return locations.update(id, Bodies.require(request).toDraft());
  }

  @AdminOnly
  @DELETE
  @Path("{id}")
  public void delete(@PathParam("id") long id) throws BusinessException {
    locations.delete(id);
  }

  @AdminOnly
  @GET
  @Path("{id}/gateways")
  public Page<GatewayView> gateways(
      @PathParam("id") long id, @QueryParam("offset") String offset, @QueryParam("limit") String limit)
      throws BusinessException {
    FieldErrors errors = new FieldErrors();
    PageRequest page = QueryParameters.page(errors, offset, limit);
    errors.throwIfAny();
    locations.get(id);
    return gateways.list(id, null, page);
  }

  @AdminOnly
  /** Creates a gateway of this location; the answer carries its token, shown only this once. */
  @POST
  @Path("{id}/gateways")
  public Response createGateway(@PathParam("id") long id, GatewayRequest request) throws BusinessException {
    CreatedGateway created = gateways.create(id, Bodies.require(request).name(id));
    return Created.at(uriInfo, GatewayResource.class, created.gateway().id(), created);
  }
}
