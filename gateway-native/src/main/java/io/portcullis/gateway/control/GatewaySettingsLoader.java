package io.portcullis.gateway.control;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@link GatewaySettings} from the settings file, the environment and command-line flags, in rising order
 * of precedence (a flag wins over the environment, which wins over the file).
 *
 * <p>The file ({@code /etc/portcullis/gateway.conf} unless {@code --config} or {@code PORTCULLIS_CONFIG} names
 * another) holds {@code KEY = value} lines with the environment variables' names, {@code #} comments and blank
 * lines. Flags are the same names in lower case without the prefix: {@code --grpc-url}, {@code --token}, ...
 */
public final class GatewaySettingsLoader {
  /** The settings file read when nothing else is said. */
  public static final Path DEFAULT_FILE = Path.of("/etc/portcullis/gateway.conf");

  /** Every recognized key, as environment variable names. */
  public static final List<String> KEYS =
      List.of(
          "PORTCULLIS_GRPC_URL",
          "PORTCULLIS_TOKEN",
          "PORTCULLIS_GRPC_CA",
          "PORTCULLIS_GRPC_CERT",
          "PORTCULLIS_GRPC_KEY",
          "PORTCULLIS_INTERFACE",
          "PORTCULLIS_GATEWAY_NAME",
          "PORTCULLIS_USERSPACE",
          "PORTCULLIS_STATS_INTERVAL",
          "PORTCULLIS_CERT_CHECK_INTERVAL");

  private GatewaySettingsLoader() {}

  /**
   * Merges the three sources.
   *
   * @param args command-line flags ({@code --grpc-url URL} or {@code --grpc-url=URL}, {@code --userspace})
   * @param env the process environment
   * @throws IllegalArgumentException with a message naming the source for anything malformed or missing
   */
  public static GatewaySettings load(List<String> args, Map<String, String> env) throws IOException {
    Map<String, String> flags = parseFlags(args);
    Path file =
        Path.of(
            flags.getOrDefault(
                "PORTCULLIS_CONFIG", env.getOrDefault("PORTCULLIS_CONFIG", DEFAULT_FILE.toString())));
    Map<String, String> merged = new HashMap<>();
    boolean explicitFile = flags.containsKey("PORTCULLIS_CONFIG") || env.containsKey("PORTCULLIS_CONFIG");
    if (Files.isReadable(file)) {
      merged.putAll(parseFile(file));
    } else if (explicitFile) {
      throw new IllegalArgumentException("settings file " + file + " cannot be read");
    }
    for (String key : KEYS) {
      if (env.containsKey(key)) {
        merged.put(key, env.get(key));
      }
    }
    flags.remove("PORTCULLIS_CONFIG");
    merged.putAll(flags);

    String name = merged.get("PORTCULLIS_GATEWAY_NAME");
    if (name == null || name.isBlank()) {
      name = hostName();
    }
    return new GatewaySettings(
        merged.get("PORTCULLIS_GRPC_URL"),
        merged.get("PORTCULLIS_TOKEN"),
        optionalPath(merged.get("PORTCULLIS_GRPC_CA")),
        optionalPath(merged.get("PORTCULLIS_GRPC_CERT")),
        optionalPath(merged.get("PORTCULLIS_GRPC_KEY")),
        merged.getOrDefault("PORTCULLIS_INTERFACE", "wg0"),
        name,
        parseBoolean("PORTCULLIS_USERSPACE", merged.getOrDefault("PORTCULLIS_USERSPACE", "false")),
        Duration.ofSeconds(
            parsePositive("PORTCULLIS_STATS_INTERVAL", merged.getOrDefault("PORTCULLIS_STATS_INTERVAL", "10"))),
        Duration.ofSeconds(
            parsePositive(
                "PORTCULLIS_CERT_CHECK_INTERVAL", merged.getOrDefault("PORTCULLIS_CERT_CHECK_INTERVAL", "60"))));
  }

  static Map<String, String> parseFlags(List<String> args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      String flag = arg.substring(2);
      String value;
      int eq = flag.indexOf('=');
      if (eq >= 0) {
        value = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      } else if (flag.equals("userspace")) {
        value = "true";
      } else {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException("flag --" + flag + " needs a value");
        }
        value = args.get(++i);
      }
      String key = "PORTCULLIS_" + flag.toUpperCase(Locale.ROOT).replace('-', '_');
      if (flag.equals("config")) {
        key = "PORTCULLIS_CONFIG";
      } else if (flag.equals("name")) {
        key = "PORTCULLIS_GATEWAY_NAME";
      } else if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown flag --" + flag);
      }
      flags.put(key, value);
    }
    return flags;
  }

  static Map<String, String> parseFile(Path file) throws IOException {
    Map<String, String> values = new HashMap<>();
    List<String> lines = Files.readAllLines(file);
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(file + ":" + (n + 1) + ": expected KEY = value");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(file + ":" + (n + 1) + ": unknown key '" + key + "'");
      }
      values.put(key, value);
    }
    return values;
  }

  private static Optional<Path> optionalPath(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
  }

  private static boolean parseBoolean(String key, String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off", "" -> false;
      default -> throw new IllegalArgumentException(key + " must be true or false, not '" + value + "'");
    };
  }

  private static long parsePositive(String key, String value) {
    try {
      long v = Long.parseLong(value.strip());
      if (v > 0 && v <= 3600) {
        return v;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(key + " must be a number of seconds in 1..3600, not '" + value + "'");
  }

  /** This machine's host name, or {@code gateway} when it cannot be found. */
  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "gateway";
    }
  }
}
