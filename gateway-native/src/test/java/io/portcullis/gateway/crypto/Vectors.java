package io.portcullis.gateway.crypto;

import io.portcullis.gateway.sys.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
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
    Map<String, Object> root = (Map<String, Object>) JsonText.parse(text(name));
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
}
