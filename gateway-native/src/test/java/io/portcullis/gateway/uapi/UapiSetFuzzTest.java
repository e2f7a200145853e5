package io.portcullis.gateway.uapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.model.DeviceUpdate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded random-mutation fuzzing of the UAPI set parser: mutated valid requests either parse or fail with
 * {@code EINVAL}; no other exception escapes, and what parses is consistent with what was sent.
 */
class UapiSetFuzzTest {
  static final String[] SEEDS = {
    "private_key=" + UapiSetParserTest.K1 + "\nlisten_port=51820\nfwmark=7\nreplace_peers=true\npublic_key="
        + UapiSetParserTest.K2 + "\npreshared_key=" + UapiSetParserTest.PSK
        + "\nendpoint=192.0.2.1:51820\npersistent_keepalive_interval=25\nreplace_allowed_ips=true\n"
        + "allowed_ip=10.0.0.0/24\nallowed_ip=fd00::/64\nprotocol_version=1",
    "public_key=" + UapiSetParserTest.K1 + "\nremove=true\npublic_key=" + UapiSetParserTest.K2
        + "\nupdate_only=true\nendpoint=[2001:db8::1]:1",
  };
  static final String ALPHABET = "=\n:[]./0123456789abcdef_-xtrue \t\0\u00ff";

  @Test
  @Timeout(60)
  void mutatedRequestsParseOrFailWithEinval() {
    Random random = new Random(20251125);
    int parsed = 0;
    int refused = 0;
    for (int i = 0; i < 50_000; i++) {
      String text = mutate(SEEDS[random.nextInt(SEEDS.length)], random);
      // The server decodes bytes as US-ASCII; do the same so non-ASCII input arrives as it would.
      text = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.US_ASCII);
      List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
      lines.removeIf(String::isEmpty);
      try {
        DeviceUpdate u = UapiSetParser.parse(lines);
        long peerLines = lines.stream().filter(l -> l.startsWith("public_key=")).count();
        assertThat(u.peers()).hasSize((int) peerLines);
        parsed++;
      } catch (UapiException e) {
        assertThat(e.errno()).isEqualTo(UapiProtocol.EINVAL);
        assertThat(e.getMessage()).doesNotContain("\n");
        refused++;
      }
    }
    // Both outcomes must occur, or the mutations are too weak or too strong to say anything.
    assertThat(parsed).isGreaterThan(1000);
    assertThat(refused).isGreaterThan(1000);
  }

  static String mutate(String seed, Random r) {
    StringBuilder s = new StringBuilder(seed);
    int edits = 1 + r.nextInt(4);
    for (int e = 0; e < edits && !s.isEmpty(); e++) {
      int at = r.nextInt(s.length());
      switch (r.nextInt(5)) {
        case 0 -> s.setCharAt(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        case 1 -> s.deleteCharAt(at);
        case 2 -> s.insert(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        case 3 -> {
          int end = Math.min(s.length(), at + r.nextInt(20));
          s.insert(r.nextInt(s.length()), s.substring(at, end));
        }
        default -> {
          int end = Math.min(s.length(), at + r.nextInt(80));
          s.delete(at, end);
        }
      }
    }
    return s.toString();
  }
}
