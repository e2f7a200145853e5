package io.portcullis.rest.problem;

import io.portcullis.core.application.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An RFC 9457 problem document (https://www.rfc-editor.org/rfc/rfc9457) and the response that carries it. */
public record Problem(
    String type, String title, int status, String detail, String instance, List<FieldError> errors, String reference) {

  /** The media type of every error the API answers. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** The prefix of our problem type URIs; the slug after it names the kind of problem. */
  public static final String TYPE_PREFIX = "urn:portcullis:problem:";

  public static Problem of(Response.Status status, String slug, String detail, String instance) {
    return new Problem(TYPE_PREFIX + slug, status.getReasonPhrase(), status.getStatusCode(), detail, instance, List.of(), null);
  }

  public Problem withErrors(List<FieldError> fieldErrors) {
    return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors), reference);
  }

  public Problem withReference(String ref) {
    return new Problem(type, title, status, detail, instance, errors, ref);
  }

  /** The response with this problem as its body, always as {@code application/problem+json}. */
  public Response toResponse() {
    JsonObjectBuilder body =
        Json.createObjectBuilder().add("type", type).add("title", title).add("status", status);
    if (detail != null) {
      body.add("detail", detail);
    }
    if (instance != null) {
      body.add("instance", instance);
    }
    if (!errors.isEmpty()) {
      JsonArrayBuilder list = Json.createArrayBuilder();
      for (FieldError error : errors) {
        list.add(Json.createObjectBuilder().add("field", error.field()).add("message", error.message()));
      }
      body.add("errors", list);
    }
    if (reference != null) {
      body.add("reference", reference);
    }
    return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(body.build().toString()).build();
  }
}
