package io.portcullis.core.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.core.domain.model.network.Cidr;
import io.portcullis.core.domain.model.network.Endpoint;
import io.portcullis.core.domain.model.wireguard.WireGuardKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WgQuickWriterTest {

  private static final WireGuardKey PEER = WireGuardKey.parse("xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=");
  private static final WireGuardKey PRIVATE = WireGuardKey.parse("yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=");

  private static WgQuickConfig config(WireGuardKey privateKey, Integer mtu, Integer keepalive, List<String> dns) {
    return new WgQuickConfig(
        "device 'laptop'",
        privateKey,
        List.of(Cidr.parse("10.10.0.2/32"), Cidr.parse("fd00:10::2/128")),
        dns,
        mtu,
        PEER,
        new Endpoint("vpn.example.com", 51820),
        List.of(Cidr.parse("10.10.0.0/24"), Cidr.parse("fd00:10::/64")),
        keepalive);
  }

  @Test
  void writesEverySetting() {
    String text = WgQuickWriter.write(config(PRIVATE, 1420, 25, List.of("10.10.0.1", "corp.example")));
    assertThat(text)
        .isEqualTo(
            """
            # device 'laptop'
            [Interface]
            PrivateKey = yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=
            Address = 10.10.0.2/32, fd00:10::2/128
            DNS = 10.10.0.1, corp.example
            MTU = 1420

            [Peer]
            PublicKey = xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=
            Endpoint = vpn.example.com:51820
            AllowedIPs = 10.10.0.0/24, fd00:10::/64
            PersistentKeepalive = 25
            """);
  }

  @Test
  void leavesOutUnsetOptionsAndUsesThePlaceholder() {
    String text = WgQuickWriter.write(config(null, null, 0, List.of()));
    assertThat(text).contains("PrivateKey = " + WgQuickWriter.PRIVATE_KEY_PLACEHOLDER + "\n");
    assertThat(text).doesNotContain("DNS", "MTU", "PersistentKeepalive");
  }

  @Test
  void bracketsIpv6Endpoints() {
    assertThat(new Endpoint("2001:DB8::10", 443).toString()).isEqualTo("[2001:db8::10]:443");
    assertThat(new Endpoint("VPN.Example.com", 1).toString()).isEqualTo("vpn.example.com:1");
  }

  /** Reads the file back the way wg-quick does: sections of "Key = Value" lines, '#' comments. */
  @Test
  void parsesBackToTheSameSettings() {
    String text = WgQuickWriter.write(config(PRIVATE, 1280, 15, List.of("1.1.1.1")));
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (String line : text.split("\n")) {
      String stripped = line.replaceAll("#.*", "").strip();
      if (stripped.isEmpty()) {
        continue;
      }
      if (stripped.startsWith("[")) {
        current = new LinkedHashMap<>();
        sections.put(stripped, current);
        continue;
      }
      String[] kv = stripped.split("=", 2);
      current.put(kv[0].strip(), kv[1].strip());
    }
    assertThat(sections).containsOnlyKeys("[Interface]", "[Peer]");
    assertThat(sections.get("[Interface]"))
        .containsEntry("PrivateKey", PRIVATE.base64())
        .containsEntry("MTU", "1280");
    assertThat(sections.get("[Peer]"))
        .containsEntry("PublicKey", PEER.base64())
        .containsEntry("PersistentKeepalive", "15");
  }
}
