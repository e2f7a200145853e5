package io.portcullis.rest.device;

import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.CreatedDevice;
import io.portcullis.core.application.DeviceService;
import io.portcullis.core.application.DeviceView;
import io.portcullis.core.domain.model.device.DeviceRepository.DeviceFilter;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.rest.common.Bodies;
import io.portcullis.rest.common.Created;
import io.portcullis.rest.common.QueryParameters;
import io.portcullis.rest.problem.FieldErrors;
import io.portcullis.core.application.security.Access;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code /api/v1/devices}: create (with the user's public key or a generated pair), list with filters
 * {@code userId}, {@code username}, {@code locationId}, {@code q}, rename, delete, and the wg-quick file per
 * location as text or QR code.
 */
@Path("devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeviceResource {

  static final String PNG = "image/png";

  @EJB private DeviceService devices;
  @Inject private Access access;
  @Context private UriInfo uriInfo;

  @GET
  public Page<DeviceView> list(
      @QueryParam("userId") String userId,
      @QueryParam("username") String username,
      @QueryParam("locationId") String locationId,
      @QueryParam("q") String q,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    FieldErrors errors = new FieldErrors();
    PageRequest page = QueryParameters.page(errors, offset, limit);
    DeviceFilter filter =
        new DeviceFilter(
            q,
            QueryParameters.id(errors, "userId", userId),
            username,
            QueryParameters.id(errors, "locationId", locationId));
    errors.throwIfAny();
    return devices.list(filter, page);
  }

  /** Creates the device; a generated private key is in this answer only, so it must not be cached. */
  @POST
  public Response create(DeviceRequest request) throws BusinessException {
    CreatedDevice created = devices.create(Bodies.require(request).toDraft(access.caller().userId()));
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.fromResponse(Created.at(uriInfo, DeviceResource.class, created.device().id(), created))
        .cacheControl(noStore)
        .build();
  }

  @GET
  @Path("{id}")
  public DeviceView get(@PathParam("id") long id) throws BusinessException {
    return devices.get(id);
  }

  @PUT
  @Path("{id}")
  public DeviceView rename(@PathParam("id") long id, DeviceRename request) throws BusinessException {
    return devices.rename(id, Bodies.require(request).toName());
  }

  @DELETE
  @Path("{id}")
  public void delete(@PathParam("id") long id) throws BusinessException {
    devices.delete(id);
  }

  @GET
  @Path("{id}/config")
  @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
  public String config(@PathParam("id") long id, @QueryParam("location") String location) throws BusinessException {
    return devices.config(id, locationParameter(location));
  }

  @GET
  @Path("{id}/config.png")
  @Produces(PNG)
  public byte[] configQrCode(@PathParam("id") long id, @QueryParam("location") String location)
      throws BusinessException {
    return QrCodeImage.png(devices.config(id, locationParameter(location)));
  }

  private static long locationParameter(String raw) {
    FieldErrors errors = new FieldErrors();
    Long id = QueryParameters.id(errors, "location", raw);
    if (id == null && raw == null) {
      errors.add("location", "is required: the id of the location to configure");
    }
    errors.throwIfAny();
    return id;
  }
}
