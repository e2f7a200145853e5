package io.portcullis.rest.health;

import io.portcullis.core.application.HealthService;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /api/v1/health}: 200 when the database answers, 503 otherwise; the run script polls it. */
@Path("health")
public class HealthResource {

  @EJB private HealthService health;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response health() {
    HealthService.Health result = health.check();
    String state = result.databaseUp() ? "UP" : "DOWN";
    var body = Json.createObjectBuilder().add("status", state).add("database", state);
    if (result.schemaVersion() != null) {
      body.add("schemaVersion", result.schemaVersion());
    }
    JsonObject json = body.build();
    return Response.status(result.databaseUp() ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(json.toString())
        .build();
  }
}
