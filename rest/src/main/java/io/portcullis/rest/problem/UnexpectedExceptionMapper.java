package io.portcullis.rest.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The last resort for bugs: 500 with a reference id that is also logged with the stack trace, so an operator
 * can find the cause while the client sees no internals.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class);

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(Throwable e) {
    String reference = UUID.randomUUID().toString();
    String instance = InvalidRequestMapper.instance(uriInfo);
    LOG.errorf(e, "Unexpected failure %s on %s", reference, instance);
    return Problem.of(
            Response.Status.INTERNAL_SERVER_ERROR,
            "internal-error",
            "An unexpected error occurred; quote reference " + reference + " to the operator",
            instance)
        .withReference(reference)
        .toResponse();
  }
}
