package io.portcullis.rest.user;

import io.portcullis.core.application.security.AdminOnly;
import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.UserService;
import io.portcullis.core.application.UserView;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.core.domain.model.user.UserRepository.UserFilter;
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

/** {@code /api/v1/users}: CRUD; filters {@code q}, {@code username}, {@code enabled}, {@code groupId}. */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

  @EJB private UserService users;
  @Context private UriInfo uriInfo;

  @AdminOnly
  @GET
  public Page<UserView> list(
      @QueryParam("q") String q,
      @QueryParam("username") String username,
      @QueryParam("enabled") String enabled,
      @QueryParam("groupId") String groupId,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    FieldErrors errors = new FieldErrors();
    PageRequest page = QueryParameters.page(errors, offset, limit);
    UserFilter filter =
        new UserFilter(
            q, username, QueryParameters.bool(errors, "enabled", enabled), QueryParameters.id(errors, "groupId", groupId));
    errors.throwIfAny();
    return users.list(filter, page);
  }

  @AdminOnly
  @POST
  public Response create(UserRequest request) throws BusinessException {
    UserView created = users.create(io.portcullis.rest.common.Bodies.require(request).toDraft());
    return Created.at(uriInfo, UserResource.class, created.id(), created);
  }

  @GET
  @Path("{id}")
  public UserView get(@PathParam("id") long id) throws BusinessException {
    return users.get(id);
  }

  @AdminOnly
  @PUT
  @Path("{id}")
  public UserView update(@PathParam("id") long id, UserRequest request) throws BusinessException {
    return users.update(id, io.portcullis.rest.common.Bodies.require(request).toDraft());
  }

  @AdminOnly
  @DELETE
  @Path("{id}")
  public void delete(@PathParam("id") long id) throws BusinessException {
    users.delete(id);
  }
}
