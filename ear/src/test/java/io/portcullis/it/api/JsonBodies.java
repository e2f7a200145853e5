package io.portcullis.it.api;

import io.restassured.mapper.ObjectMapper;
import io.restassured.mapper.ObjectMapperDeserializationContext;
import io.restassured.mapper.ObjectMapperSerializationContext;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes the request bodies of the tests (maps, lists, strings, numbers, booleans, null) as JSON for
 * RestAssured, so the tests need no JSON library; responses are read with RestAssured's own JsonPath.
 */
final class JsonBodies implements ObjectMapper {

  @Override
  public Object serialize(ObjectMapperSerializationContext context) {
    StringBuilder out = new StringBuilder();
    write(out, context.getObjectToSerialize());
    return out.toString();
  }

  @Override
  public Object deserialize(ObjectMapperDeserializationContext context) {
    throw new UnsupportedOperationException("read responses with jsonPath()");
  }

  static void write(StringBuilder out, Object value) {
    if (value == null || value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
      while (entries.hasNext()) {
        Map.Entry<?, ?> entry = entries.next();
        string(out, entry.getKey().toString());
        out.append(':');
        write(out, entry.getValue());
        if (entries.hasNext()) {
          out.append(',');
        }
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(out, list.get(i));
      }
      out.append(']');
    } else {
      string(out, value.toString());
    }
  }

  private static void string(StringBuilder out, String text) {
    out.append('"');
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
