package io.portcullis.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerUpdate;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WgQuickParserTest {
  static final String PRIV = "yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=";
  static final String PUB1 = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";
  static final String PUB2 = "TrMvSoP4jYQlY6RIzBgbssQqY3vxI2Pi+y71lOWWXX0=";
  static final String PSK = "FpCyhws9cxwWoV4xELtfJvjJN+zQVRPISllRWgeopVE=";

  static final String FULL = """
      # a comment line
      [Interface]
      Address = 10.192.122.1/24, fd00::1/64   # two at once
      address = 10.10.0.1/16
      PrivateKey = %s
      ListenPort = 51820
      FwMark = 0x1234
      DNS = 10.0.0.53, fd00::53, corp.example
      MTU = 1380
      Table = 1234
      PreUp = echo pre %%i > /tmp/x
      PostUp = iptables -A FORWARD -i %%i -j ACCEPT; echo   up
      PostUp = echo second
      PreDown = echo predown
      PostDown = echo down %%i
      SaveConfig = true

      [Peer]
      PublicKey = %s
      PresharedKey = %s
      AllowedIPs = 10.192.122.3/32, 10.192.124.1/24
      AllowedIPs = fd00::3/128
      Endpoint = [2001:db8::1]:51820
      PersistentKeepalive = 25

      [PEER]
      publickey=%s
      endpoint=vpn.example.com:4500
      allowedips=
      persistentkeepalive = off
      """.formatted(PRIV, PUB1, PSK, PUB2);

  @Test
  void parsesEveryKey() throws Exception {
    WgQuickConfig c = WgQuickParser.parse("wg0.conf", FULL);
    assertThat(c.addresses()).extracting(IpPrefix::toString)
        .containsExactly("10.192.122.1/24", "fd00::1/64", "10.10.0.1/16");
    assertThat(c.privateKey()).contains(Key.fromBase64(PRIV));
    assertThat(c.listenPort()).hasValue(51820);
    assertThat(c.fwmark()).isEqualTo(0x1234);
    assertThat(c.dns()).containsExactly("10.0.0.53", "fd00::53", "corp.example");
    assertThat(c.mtu()).hasValue(1380);
    assertThat(c.table()).isEqualTo("1234");
    assertThat(c.preUp()).containsExactly("echo pre %i > /tmp/x");
    assertThat(c.postUp()).containsExactly("iptables -A FORWARD -i %i -j ACCEPT; echo   up", "echo second");
    assertThat(c.preDown()).containsExactly("echo predown");
    assertThat(c.postDown()).containsExactly("echo down %i");
    assertThat(c.saveConfig()).isTrue();
    assertThat(c.peers()).hasSize(2);
    WgQuickPeer a = c.peers().get(0);
    assertThat(a.publicKey()).isEqualTo(Key.fromBase64(PUB1));
    assertThat(a.presharedKey()).contains(Key.fromBase64(PSK));
    assertThat(a.allowedIps()).extracting(IpPrefix::toString)
        .containsExactly("10.192.122.3/32", "10.192.124.1/24", "fd00::3/128");
    assertThat(a.endpoint()).contains(new PeerEndpoint("2001:db8::1", 51820));
    assertThat(a.persistentKeepalive()).isEqualTo(25);
    assertThat(a.line()).isEqualTo(18);
    WgQuickPeer b = c.peers().get(1);
    assertThat(b.endpoint()).contains(new PeerEndpoint("vpn.example.com", 4500));
    assertThat(b.allowedIps()).isEmpty();
    assertThat(b.persistentKeepalive()).isZero();
  }

  @Test
  void becomesAReplacingDeviceUpdate() throws Exception {
    String text = """
        [Interface]
        PrivateKey = %s
        [Peer]
        PublicKey = %s
        Endpoint = 192.0.2.1:51820
        AllowedIPs = 0.0.0.0/0
        """.formatted(PRIV, PUB1);
    DeviceUpdate u = WgQuickParser.parse("x.conf", text).toDeviceUpdate();
    assertThat(u.replacePeers()).isTrue();
    assertThat(u.privateKey()).contains(Key.fromBase64(PRIV));
    assertThat(u.listenPort()).hasValue(0);
    PeerUpdate p = u.peers().getFirst();
    assertThat(p.replaceAllowedIps()).isTrue();
    assertThat(p.presharedKey()).contains(Key.zero());
    assertThat(p.endpoint()).contains(new InetSocketAddress(IpPrefix.parseNumericAddress("192.0.2.1"), 51820));
    assertThat(p.allowedIps()).containsExactly(IpPrefix.parse("0.0.0.0/0"));
  }

  @Test
  void unresolvableHostNamesTheFileLineAndKey() throws Exception {
    String text = "[Interface]\n\n[Peer]\nPublicKey = " + PUB1 + "\nEndpoint = no-such-host.invalid:1\n";
    WgQuickConfig c = WgQuickParser.parse("wg9.conf", text);
    // A fake resolver: the test must not send DNS queries off the machine.
    assertThatThrownBy(() -> c.toDeviceUpdate(e -> {
          throw new java.net.UnknownHostException(e.host());
        }))
        .isInstanceOf(ConfigException.class)
        .hasMessage("wg9.conf:3: key 'Endpoint': cannot resolve host 'no-such-host.invalid'");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Address = 10.0.0.1/33                 | wg0.conf:2: key 'Address': prefix length 33 too long in '10.0.0.1/33'
      ListenPort = 70000                    | wg0.conf:2: key 'ListenPort': 70000 is out of range 0..65535
      ListenPort = x                        | wg0.conf:2: key 'ListenPort': 'x' is not a number
      PrivateKey = abc                      | wg0.conf:2: key 'PrivateKey': not a base64 WireGuard key (44 characters ending in one '=')
      MTU = 20                              | wg0.conf:2: key 'MTU': 20 is out of range 68..65535
      FwMark = 0x100000000                  | wg0.conf:2: key 'FwMark': 0x100000000 is larger than 32 bits
      SaveConfig = yes                      | wg0.conf:2: key 'SaveConfig': 'yes' is not true or false
      Table = 1 2                           | wg0.conf:2: key 'Table': '1 2' is not off, auto, a table number or a table name
      DNS = 1.2.3.999                       | wg0.conf:2: key 'DNS': '1.2.3.999' is not a name server address
      Foo = bar                             | wg0.conf:2: key 'Foo': unknown key in [Interface]
      PostUp =                              | wg0.conf:2: key 'PostUp': empty command
      just words                            | wg0.conf:2: line is not 'Key = Value'
      [Wat]                                 | wg0.conf:2: unknown section [Wat] (expected [Interface] or [Peer])
      [Peer]                                | wg0.conf:2: [Peer] section without a PublicKey
      """)
  void interfaceErrorsNameFileLineAndKey(String line, String message) {
    assertThatThrownBy(() -> WgQuickParser.parse("wg0.conf", "[Interface]\n" + line + "\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Endpoint = 2001:db8::1:51820          | key 'Endpoint': an IPv6 endpoint needs brackets: [2001:db8::1]:51820
      Endpoint = [2001:db8::1]51820         | key 'Endpoint': '[2001:db8::1]51820' is not [IPV6]:PORT
      Endpoint = [10.0.0.1]:51820           | key 'Endpoint': '10.0.0.1' in brackets is not an IPv6 address
      Endpoint = host_name:1                | key 'Endpoint': 'host_name' is neither an IP address nor a host name
      Endpoint = 10.0.0.1:0                 | key 'Endpoint': port 0 out of range 1..65535
      Endpoint = 10.0.0.1                   | key 'Endpoint': '10.0.0.1' is not HOST:PORT
      AllowedIPs = 10.0.0.0/8, nonsense     | key 'AllowedIPs': not an IP address: 'nonsense'
      PresharedKey = %%%                    | key 'PresharedKey': not a base64 WireGuard key (44 characters ending in one '=')
      PersistentKeepalive = 65536           | key 'PersistentKeepalive': 65536 is out of range 0..65535
      ListenPort = 1                        | key 'ListenPort': unknown key in [Peer]
      """)
  void peerErrorsNameFileLineAndKey(String line, String message) {
    String text = "[Interface]\n# c\n[Peer]\nPublicKey = " + PUB1 + "\n" + line + "\n";
    assertThatThrownBy(() -> WgQuickParser.parse("/etc/wg/wg1.conf", text))
        .isInstanceOf(ConfigException.class)
        .hasMessage("/etc/wg/wg1.conf:5: " + message);
  }

  @Test
  void fileWithoutInterfaceAndKeyOutsideSections() {
    assertThatThrownBy(() -> WgQuickParser.parse("a.conf", "# nothing\n"))
        .hasMessage("a.conf: no [Interface] section");
    assertThatThrownBy(() -> WgQuickParser.parse("a.conf", "ListenPort = 1\n[Interface]\n"))
        .hasMessage("a.conf:1: key 'ListenPort': key outside of an [Interface] or [Peer] section");
  }

  @Test
  void fwmarkAndTableForms() throws Exception {
    assertThat(WgQuickParser.parse("f", "[Interface]\nFwMark = off\n").fwmark()).isZero();
    assertThat(WgQuickParser.parse("f", "[Interface]\nFwMark = 4294967295\n").fwmark()).isEqualTo(-1);
    assertThat(WgQuickParser.parse("f", "[Interface]\nTable = off\n").wantsRoutes()).isFalse();
    assertThat(WgQuickParser.parse("f", "[Interface]\nTable = main\n").table()).isEqualTo("main");
    assertThat(WgQuickParser.parse("f", "[Interface]\n").table()).isEqualTo("auto");
    assertThat(WgQuickParser.parse("f", "[Interface]\r\nMTU = 1420\r\n").mtu()).hasValue(1420);
  }

  @Test
  void peersListedInOrderWithTheirHeaderLines() throws Exception {
    String text = "[Interface]\n[Peer]\nPublicKey=" + PUB1 + "\n[Peer]\nPublicKey=" + PUB2 + "\n";
    assertThat(WgQuickParser.parse("f", text).peers()).extracting(WgQuickPeer::line).isEqualTo(List.of(2, 4));
  }
}
