package io.portcullis.rest.group;

import io.portcullis.core.application.security.AdminOnly;
import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.GroupService;
import io.portcullis.core.application.GroupView;
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

/** {@code /api/v1/groups}: CRUD; filter {@code q} on the name. Memberships are set on users. */
@AdminOnly
@Path("groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupResource {

  @EJB private GroupService groups;
  @Context private UriInfo uriInfo;

  @GET
  public Page<GroupView> list(
      @QueryParam("q") String q, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
    FieldErrors errors = new FieldErrors();
    PageRequest page = QueryParameters.page(errors, offset, limit);
    errors.throwIfAny();
    return groups.list(q, page);
  }

  @POST
  public Response create(GroupRequest request) throws BusinessException {
    GroupView created = groups.create(Bodies.require(request).toDraft());
    return Created.at(uriInfo, GroupResource.class, created.id(), created);
  }

  @GET
  @Path("{id}")
  public GroupView get(@PathParam("id") long id) throws BusinessException {
    return groups.get(id);
  }

  @PUT
  @Path("{id}")
  public GroupView update(@PathParam("id") long id, GroupRequest request) throws BusinessException {
    return groups.update(id, Bodies.require(request).toDraft());
  }

  @DELETE
  @Path("{id}")
  public void delete(@PathParam("id") long id) throws BusinessException {
    groups.delete(id);
  }
}
