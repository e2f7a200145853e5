package io.portcullis.rest.common;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The JSON-B settings of the API: unknown properties in a request are an error (Yasson's YassonConfig.FAIL_ON_UNKNOWN_PROPERTIES), so a typo
 * in a field name is answered with 400 instead of being silently ignored.
 */
@Provider
public class JsonbConfiguration implements ContextResolver<Jsonb> {

  /** Yasson's name for failing on unknown properties (not part of JSON-B 3.0 itself). */
  static final String FAIL_ON_UNKNOWN_PROPERTIES = "jsonb.fail-on-unknown-properties";

  private final Jsonb jsonb =
      JsonbBuilder.create(new JsonbConfig().setProperty(FAIL_ON_UNKNOWN_PROPERTIES, true));

  @Override
  public Jsonb getContext(Class<?> type) {
    return jsonb;
  }
}
