package io.portcullis.rest.problem;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers a request body that is not JSON, has unknown fields or fields of the wrong type with 400; the
 * JSON-B provider reports these as a {@link ProcessingException} wrapping the parser's exception.
 */
@Provider
public class JsonProblemMapper implements ExceptionMapper<ProcessingException> {

  private static final int MAX_DETAIL = 300;

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(ProcessingException e) {
    return Problem.of(Response.Status.BAD_REQUEST, "malformed-json", describe(e), InvalidRequestMapper.instance(uriInfo))
        .toResponse();
  }

  /** A one-line account of a JSON failure: the innermost JSON exception's message, shortened. */
  static String describe(Throwable e) {
    Throwable cause = e;
    String message = "The request body is not valid JSON for this resource";
    while (cause != null) {
      if ((cause instanceof JsonbException || cause instanceof JsonException) && cause.getMessage() != null) {
        message = "The request body is not valid JSON for this resource: " + cause.getMessage();
      }
      cause = cause.getCause();
    }
    message = message.replaceAll("\\s+", " ");
    return message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) + "…" : message;
  }
}
