package io.portcullis.rest.common;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The 201 answer to a POST: the new resource's URI in {@code Location} and its representation as body. */
public final class Created {

  private Created() {}

  public static Response at(UriInfo uriInfo, Class<?> resource, long id, Object body) {
    return Response.created(uriInfo.getBaseUriBuilder().path(resource).path(Long.toString(id)).build())
        .entity(body)
        .build();
  }
}
