package io.portcullis.rest.stats;

import io.portcullis.core.application.security.AdminOnly;
import io.portcullis.core.application.TrafficStatsService;
import io.portcullis.core.application.TrafficView;
import io.portcullis.core.application.UnknownObjectException;
import io.portcullis.rest.common.QueryParameters;
import io.portcullis.rest.problem.FieldErrors;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code /api/v1/stats/{devices,users,locations}/{id}}: the latest counters per peer and their sums over time;
 * {@code since} (ISO-8601 instant) bounds the series, by default the last 24 hours.
 */
@Path("stats")
@Produces(MediaType.APPLICATION_JSON)
public class TrafficResource {

  @EJB private TrafficStatsService stats;

  @GET
  @Path("devices/{id}")
  public TrafficView device(@PathParam("id") long id, @QueryParam("since") String since)
      throws UnknownObjectException {
    return stats.device(id, since(since));
  }

  @GET
  @Path("users/{id}")
  public TrafficView user(@PathParam("id") long id, @QueryParam("since") String since)
      throws UnknownObjectException {
    return stats.user(id, since(since));
  }

  @AdminOnly
  @GET
  @Path("locations/{id}")
  public TrafficView location(@PathParam("id") long id, @QueryParam("since") String since)
      throws UnknownObjectException {
    return stats.location(id, since(since));
  }

  private static Instant since(String raw) {
    FieldErrors errors = new FieldErrors();
    Instant parsed = QueryParameters.instant(errors, "since", raw);
    errors.throwIfAny();
    return parsed == null ? Instant.now().minus(Duration.ofDays(1)) : parsed;
  }
}
