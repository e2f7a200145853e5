package io.portcullis.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the parser on random configurations: write then parse gives the same configuration; changing the
 * case of keys and adding comments and blank lines changes nothing; and bounded random mutations of valid files
 * either parse or fail with a {@link ConfigException} that names the file (never another exception).
 */
class WgQuickRoundTripTest {

  @Test
  void writeThenParseIsIdentity() throws Exception {
    Random r = new Random(42);
    for (int i = 0; i < 500; i++) {
      WgQuickConfig c = randomConfig(r);
      WgQuickConfig back = WgQuickParser.parse("rt.conf", WgQuickWriter.write(c));
      assertThat(withoutLines(back)).isEqualTo(c);
    }
  }

  @Test
  void keyCaseCommentsAndBlankLinesDoNotMatter() throws Exception {
    Random r = new Random(7);
    for (int i = 0; i < 200; i++) {
      WgQuickConfig c = randomConfig(r);
      StringBuilder noisy = new StringBuilder();
      for (String line : WgQuickWriter.write(c).split("\n")) {
        int eq = line.indexOf(" = ");
        if (eq > 0 && !line.startsWith("Pre") && !line.startsWith("Post")) {
          String key = r.nextBoolean() ? line.substring(0, eq).toUpperCase(Locale.ROOT)
              : line.substring(0, eq).toLowerCase(Locale.ROOT);
          line = key + (r.nextBoolean() ? "=" : "  =\t") + line.substring(eq + 3) + (r.nextBoolean() ? " # c" : "");
        }
        noisy.append(r.nextInt(4) == 0 ? "\n# comment\n" : "").append(line).append('\n');
      }
      assertThat(withoutLines(WgQuickParser.parse("rt.conf", noisy.toString()))).isEqualTo(c);
    }
  }

  @Test
  void mutatedFilesParseOrFailWithALocatedMessage() {
    Random r = new Random(99);
    int ok = 0;
    int failed = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder s = new StringBuilder(WgQuickWriter.write(randomConfig(r)));
      for (int e = 1 + r.nextInt(3); e > 0 && !s.isEmpty(); e--) {
        int at = r.nextInt(s.length());
        switch (r.nextInt(3)) {
          case 0 -> s.setCharAt(at, "=[]#,:/. \nx0".charAt(r.nextInt(12)));
          case 1 -> s.deleteCharAt(at);
          default -> s.insert(at, "=[]#,:/. \nx0".charAt(r.nextInt(12)));
        }
      }
      try {
        WgQuickParser.parse("m.conf", s.toString());
        ok++;
      } catch (ConfigException e) {
        assertThat(e.getMessage()).startsWith("m.conf");
        failed++;
      }
    }
    assertThat(ok).isGreaterThan(500);
    assertThat(failed).isGreaterThan(500);
  }

  static WgQuickConfig withoutLines(WgQuickConfig c) {
    List<WgQuickPeer> peers = new ArrayList<>();
    for (WgQuickPeer p : c.peers()) {
      peers.add(new WgQuickPeer(p.publicKey(), p.presharedKey(), p.allowedIps(), p.endpoint(),
          p.persistentKeepalive(), 0));
    }
    return new WgQuickConfig(c.file(), c.privateKey(), c.listenPort(), c.fwmark(), c.addresses(), c.dns(), c.mtu(),
        c.table(), c.preUp(), c.postUp(), c.preDown(), c.postDown(), c.saveConfig(), peers);
  }

  static WgQuickConfig randomConfig(Random r) {
    List<WgQuickPeer> peers = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      Optional<PeerEndpoint> ep = switch (r.nextInt(4)) {
        case 0 -> Optional.empty();
        case 1 -> Optional.of(new PeerEndpoint("10." + r.nextInt(256) + ".0." + r.nextInt(256), 1 + r.nextInt(65535)));
        case 2 -> Optional.of(new PeerEndpoint("2001:db8::" + Integer.toHexString(r.nextInt(65536)), 51820));
        default -> Optional.of(new PeerEndpoint("peer" + r.nextInt(100) + ".example.org", 1 + r.nextInt(65535)));
      };
      peers.add(new WgQuickPeer(key(r), r.nextBoolean() ? Optional.of(key(r)) : Optional.empty(), prefixes(r), ep,
          r.nextInt(3) == 0 ? r.nextInt(65536) : 0, 0));
    }
    String[] tables = {"auto", "off", "main", "1234"};
    String[] hooks = {"echo %i", "iptables -A FORWARD -i %i -j ACCEPT; ip6tables -L", "true"};
    return new WgQuickConfig("rt.conf", r.nextBoolean() ? Optional.of(key(r)) : Optional.empty(),
        r.nextBoolean() ? OptionalInt.of(r.nextInt(65536)) : OptionalInt.empty(), r.nextInt(3) == 0 ? r.nextInt() : 0,
        prefixes(r), r.nextBoolean() ? List.of("10.0.0.53", "corp.example") : List.of(),
        r.nextBoolean() ? OptionalInt.of(1280 + r.nextInt(200)) : OptionalInt.empty(), tables[r.nextInt(4)],
        pick(r, hooks), pick(r, hooks), pick(r, hooks), pick(r, hooks), r.nextBoolean(), peers);
  }

  static List<String> pick(Random r, String[] from) {
    List<String> out = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      out.add(from[r.nextInt(from.length)]);
    }
    return out;
  }

  static List<IpPrefix> prefixes(Random r) {
    List<IpPrefix> out = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      byte[] b = new byte[r.nextBoolean() ? 4 : 16];
      r.nextBytes(b);
      if (b.length == 16) {
        b[0] = (byte) 0xfd;
      }
      try {
        InetAddress a = InetAddress.getByAddress(b);
        out.add(new IpPrefix(a, r.nextInt(b.length * 8 + 1)));
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  static Key key(Random r) {
    byte[] b = new byte[32];
    r.nextBytes(b);
    b[1] |= 1;
    return Key.of(b);
  }
}
