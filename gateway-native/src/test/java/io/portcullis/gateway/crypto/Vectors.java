package io.portcullis.gateway.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test vector files from {@code src/test/resources/vectors}, with a minimal JSON reader for the Wycheproof files. */
final class Vectors {
  private Vectors() {}

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static String text(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /vectors/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One Wycheproof test case: its group's fields overlaid with the test's own. */
  record WycheproofCase(Map<String, Object> group, Map<String, Object> test) {
    String get(String key) {
      return (String) test.get(key);
    }

    byte[] bytes(String key) {
      return hex(get(key));
    }

    int tcId() {
      return ((Number) test.get("tcId")).intValue();
    }

    String result() {
      return get("result");
    }

    @Override
    public String toString() {
      return "tcId " + tcId() + " (" + test.get("comment") + ", " + test.get("flags") + ")";
    }
  }

  @SuppressWarnings("unchecked")
  static List<WycheproofCase> wycheproof(String name) {
    Map<String, Object> root = (Map<String, Object>) new Json(text(name)).value();
    List<WycheproofCase> cases = new ArrayList<>();
    for (Object g : (List<Object>) root.get("testGroups")) {
      Map<String, Object> group = (Map<String, Object>) g;
      for (Object t : (List<Object>) group.get("tests")) {
        cases.add(new WycheproofCase(group, (Map<String, Object>) t));
      }
    }
    int expected = ((Number) root.get("numberOfTests")).intValue();
    if (cases.size() != expected) {
      throw new IllegalStateException(name + ": read " + cases.size() + " tests, header says " + expected);
    }
    return cases;
  }

  /** A recursive-descent JSON reader: objects, arrays, strings (with escapes), numbers, true/false/null. */
  static final class Json {
    private final String s;
    private int pos;

    Json(String s) {
      this.s = s;
    }

    Object value() {
      skipSpace();
      char c = s.charAt(pos);
      return switch (c) {
        case '{' -> object();
        case '[' -> array();
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> number();
      };
    }

    private Map<String, Object> object() {
      Map<String, Object> map = new LinkedHashMap<>();
      pos++;
      skipSpace();
      if (s.charAt(pos) == '}') {
        pos++;
        return map;
      }
      while (true) {
        skipSpace();
        String key = string();
        skipSpace();
        expect(':');
        map.put(key, value());
        skipSpace();
        if (s.charAt(pos) == ',') {
          pos++;
        } else {
          expect('}');
          return map;
        }
      }
    }

    private List<Object> array() {
      List<Object> list = new ArrayList<>();
      pos++;
      skipSpace();
      if (s.charAt(pos) == ']') {
        pos++;
        return list;
      }
      while (true) {
        list.add(value());
        skipSpace();
        if (s.charAt(pos) == ',') {
          pos++;
        } else {
          expect(']');
          return list;
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = s.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = s.charAt(pos++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> sb.append(e);
        }
      }
    }

    private Object literal(String word, Object value) {
      if (!s.startsWith(word, pos)) {
        throw new IllegalArgumentException("bad JSON literal at " + pos);
      }
      pos += word.length();
      return value;
    }

    private Number number() {
      int start = pos;
      while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
      String n = s.substring(start, pos);
      if (n.isEmpty()) {
        throw new IllegalArgumentException("bad JSON at " + start);
      }
      return n.contains(".") || n.contains("e") || n.contains("E") ? Double.parseDouble(n) : Long.parseLong(n);
    }

    private void expect(char c) {
      if (s.charAt(pos) != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + pos + ", found '" + s.charAt(pos) + "'");
      }
      pos++;
    }

    private void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }
  }
}
