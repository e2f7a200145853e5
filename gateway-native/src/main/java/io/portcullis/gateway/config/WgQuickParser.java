package io.portcullis.gateway.config;

import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parses the wg-quick(8) file format: {@code [Interface]} and {@code [Peer]} sections of {@code Key = Value}
 * lines, keys case-insensitive, {@code #} comments, comma-separated lists that may also repeat over lines.
 *
 * <p>Every error names the file, the line and the key. Nothing is resolved or executed here: host names stay
 * names until {@link WgQuickConfig#toDeviceUpdate()}, hooks stay text. Stateless and thread-safe.
 */
public final class WgQuickParser {
  /** Refuse files larger than this: a configuration with thousands of peers is still far below. */
  public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

  private WgQuickParser() {}

  /** Reads and parses {@code path}; the file name in messages is {@code path} as given. */
  public static WgQuickConfig parse(Path path) throws ConfigException {
    String name = path.toString();
    try {
      if (Files.size(path) > MAX_FILE_BYTES) {
        throw new ConfigException(name, 0, null, "file larger than " + MAX_FILE_BYTES + " bytes");
      }
      return parse(name, Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException(name, 0, null, "cannot read: " + e.getMessage());
    }
  }

  /** Parses {@code text}, naming it {@code file} in messages. */
  public static WgQuickConfig parse(String file, String text) throws ConfigException {
    return new Parse(file).run(text);
  }

  /** The state of one parse: the section being read and the values collected so far. */
  private static final class Parse {
    private final String file;
    private int lineNo;
    private String key;
    private boolean inInterface;
    private boolean seenInterface;
    private Optional<Key> privateKey = Optional.empty();
    private OptionalInt listenPort = OptionalInt.empty();
    private int fwmark;
    private final List<IpPrefix> addresses = new ArrayList<>();
    private final List<String> dns = new ArrayList<>();
    private OptionalInt mtu = OptionalInt.empty();
    private String table = WgQuickConfig.TABLE_AUTO;
    private final List<String> preUp = new ArrayList<>();
    private final List<String> postUp = new ArrayList<>();
    private final List<String> preDown = new ArrayList<>();
    private final List<String> postDown = new ArrayList<>();
    private boolean saveConfig;
    private final List<WgQuickPeer> peers = new ArrayList<>();
    private PeerSection peer;

    Parse(String file) {
      this.file = file;
    }

    WgQuickConfig run(String text) throws ConfigException {
      String[] lines = text.split("\r?\n", -1);
      for (String raw : lines) {
        lineNo++;
        key = null;
        int hash = raw.indexOf('#');
        String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
        if (line.isEmpty()) {
          continue;
        }
        if (line.startsWith("[")) {
          section(line);
          continue;
        }
        int eq = line.indexOf('=');
        if (eq < 0) {
          throw fail("line is not 'Key = Value'");
        }
        key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        if (key.isEmpty()) {
          throw fail("line has no key before '='");
        }
        if (inInterface) {
          interfaceKey(key.toLowerCase(Locale.ROOT), value);
        } else if (peer != null) {
          peerKey(key.toLowerCase(Locale.ROOT), value);
        } else {
          throw fail("key outside of an [Interface] or [Peer] section");
        }
      }
      finishPeer();
      if (!seenInterface) {
        lineNo = 0;
        key = null;
        throw fail("no [Interface] section");
      }
      return new WgQuickConfig(file, privateKey, listenPort, fwmark, addresses, dns, mtu, table, preUp, postUp,
          preDown, postDown, saveConfig, peers);
    }

    private void section(String line) throws ConfigException {
      finishPeer();
      String name = line.toLowerCase(Locale.ROOT);
      if (name.equals("[interface]")) {
        if (seenInterface) {
          throw fail("a second [Interface] section");
        }
        seenInterface = true;
        inInterface = true;
      } else if (name.equals("[peer]")) {
        inInterface = false;
        peer = new PeerSection(lineNo);
      } else {
        throw fail("unknown section " + line + " (expected [Interface] or [Peer])");
      }
    }

    private void interfaceKey(String k, String value) throws ConfigException {
      switch (k) {
        case "privatekey" -> privateKey = Optional.of(base64Key(value));
        case "listenport" -> listenPort = OptionalInt.of(number(value, 0, 65535));
        case "fwmark" -> fwmark = value.equalsIgnoreCase("off") ? 0 : fwmark(value);
        case "address" -> {
          for (String v : list(value)) {
            addresses.add(prefix(v));
          }
        }
        case "dns" -> {
          for (String v : list(value)) {
            dns.add(dnsEntry(v));
          }
        }
        case "mtu" -> mtu = OptionalInt.of(number(value, 68, 65535));
        case "table" -> table = table(value);
        case "preup" -> preUp.add(hook(value));
        case "postup" -> postUp.add(hook(value));
        case "predown" -> preDown.add(hook(value));
        case "postdown" -> postDown.add(hook(value));
        case "saveconfig" -> saveConfig = bool(value);
        default -> throw fail("unknown key in [Interface]");
      }
    }

    private void peerKey(String k, String value) throws ConfigException {
      switch (k) {
        case "publickey" -> peer.publicKey = base64Key(value);
        case "presharedkey" -> peer.presharedKey = Optional.of(base64Key(value)).filter(p -> !p.isZero());
        case "allowedips" -> {
          for (String v : list(value)) {
            peer.allowedIps.add(prefix(v));
          }
        }
        case "endpoint" -> {
          try {
            peer.endpoint = Optional.of(PeerEndpoint.parse(value));
          } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
          }
        }
        case "persistentkeepalive" ->
            peer.keepalive = value.equalsIgnoreCase("off") ? 0 : number(value, 0, 65535);
        default -> throw fail("unknown key in [Peer]");
      }
    }

    private void finishPeer() throws ConfigException {
      if (peer == null) {
        return;
      }
      if (peer.publicKey == null) {
        lineNo = peer.line;
        key = null;
        throw fail("[Peer] section without a PublicKey");
      }
      peers.add(new WgQuickPeer(peer.publicKey, peer.presharedKey, peer.allowedIps, peer.endpoint, peer.keepalive,
          peer.line));
      peer = null;
    }

    private Key base64Key(String value) throws ConfigException {
      try {
        return Key.fromBase64(value);
      } catch (IllegalArgumentException e) {
        throw fail(e.getMessage());
      }
    }

    private IpPrefix prefix(String value) throws ConfigException {
      try {
        return IpPrefix.parse(value);
      } catch (IllegalArgumentException e) {
        throw fail(e.getMessage());
      }
    }

    private int number(String value, int min, int max) throws ConfigException {
      if (value.isEmpty() || value.length() > 6 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw fail("'" + value + "' is not a number");
      }
      int n = Integer.parseInt(value);
      if (n < min || n > max) {
        throw fail(n + " is out of range " + min + ".." + max);
      }
      return n;
    }

    private int fwmark(String value) throws ConfigException {
      String v = value.toLowerCase(Locale.ROOT);
      boolean hex = v.startsWith("0x");
      String digits = hex ? v.substring(2) : v;
      int radix = hex ? 16 : 10;
      if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> Character.digit(c, radix) >= 0)) {
        throw fail("'" + value + "' is not a number or 'off'");
      }
      long n = Long.parseLong(digits, radix);
      if (n > 0xffff_ffffL) {
        throw fail(value + " is larger than 32 bits");
      }
      return (int) n;
    }

    private String table(String value) throws ConfigException {
      String v = value.toLowerCase(Locale.ROOT);
      if (v.equals(WgQuickConfig.TABLE_OFF) || v.equals(WgQuickConfig.TABLE_AUTO)) {
        return v;
      }
      if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9') && value.length() <= 10
          && Long.parseLong(value) <= 0xffff_ffffL) {
        return value;
      }
      if (value.matches("[A-Za-z][A-Za-z0-9_.-]{0,31}")) {
        return value;
      }
      throw fail("'" + value + "' is not off, auto, a table number or a table name");
    }

    private boolean bool(String value) throws ConfigException {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw fail("'" + value + "' is not true or false");
      };
    }

    private String hook(String value) throws ConfigException {
      if (value.isEmpty()) {
        throw fail("empty command");
      }
      return value;
    }

    private String dnsEntry(String value) throws ConfigException {
      if (value.matches("[0-9.]+") || value.indexOf(':') >= 0) {
        try {
          IpPrefix.parseNumericAddress(value);
          return value;
        } catch (IllegalArgumentException e) {
          throw fail("'" + value + "' is not a name server address");
        }
      }
      if (!value.matches("[A-Za-z0-9_.-]{1,253}")) {
        throw fail("'" + value + "' is neither a name server address nor a search domain");
      }
      return value;
    }

    /** Splits a comma-separated value; empty items (as in "a,,b" or an empty AllowedIPs) are skipped. */
    private static List<String> list(String value) {
      List<String> out = new ArrayList<>();
      for (String part : value.split(",")) {
        String p = part.strip();
        if (!p.isEmpty()) {
          out.add(p);
        }
      }
      return out;
    }

    private ConfigException fail(String problem) {
      return new ConfigException(file, lineNo, key, problem);
    }
  }

  /** The keys of the {@code [Peer]} section being read. */
  private static final class PeerSection {
    final int line;
    Key publicKey;
    Optional<Key> presharedKey = Optional.empty();
    final List<IpPrefix> allowedIps = new ArrayList<>();
    Optional<PeerEndpoint> endpoint = Optional.empty();
    int keepalive;

    PeerSection(int line) {
      this.line = line;
    }
  }
}
