package io.portcullis.gateway.uapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerUpdate;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UapiSetParserTest {
  static final String K1 = "e84b5a6d2717c1003a13b431570353dbaca9146cf150c5f8575680feba52027a";
  static final String K2 = "b85996fecc9c7f1fc6d2572a76eda11d59bcd20be8e543b15ce4bd85a8e75a33";
  static final String PSK = "188515093e952f5f22e865cef3012e72f8b5f0b598ac0309d5dacce3b70fcf52";

  @Test
  void parsesTheExampleOfTheSpecification() throws Exception {
    DeviceUpdate u =
        UapiSetParser.parse(
            List.of(
                "private_key=" + K1,
                "fwmark=0",
                "listen_port=12912",
                "replace_peers=true",
                "public_key=" + K2,
                "preshared_key=" + PSK,
                "replace_allowed_ips=true",
                "allowed_ip=192.168.4.4/32",
                "endpoint=[abcd:23::33%2]:51820".replace("%2", ""),
                "public_key=" + K1,
                "update_only=true",
                "persistent_keepalive_interval=111",
                "allowed_ip=::/0",
                "protocol_version=1",
                "public_key=" + PSK,
                "remove=true"));
    assertThat(u.privateKey()).contains(Key.fromHex(K1));
    assertThat(u.fwmark()).hasValue(0);
    assertThat(u.listenPort()).hasValue(12912);
    assertThat(u.replacePeers()).isTrue();
    assertThat(u.peers()).hasSize(3);
    PeerUpdate a = u.peers().get(0);
    assertThat(a.publicKey()).isEqualTo(Key.fromHex(K2));
    assertThat(a.presharedKey()).contains(Key.fromHex(PSK));
    assertThat(a.replaceAllowedIps()).isTrue();
    assertThat(a.allowedIps()).containsExactly(IpPrefix.parse("192.168.4.4/32"));
    assertThat(a.endpoint()).contains(new InetSocketAddress(IpPrefix.parseNumericAddress("abcd:23::33"), 51820));
    assertThat(a.remove()).isFalse();
    assertThat(a.persistentKeepalive()).isEmpty();
    PeerUpdate b = u.peers().get(1);
    assertThat(b.updateOnly()).isTrue();
    assertThat(b.persistentKeepalive()).hasValue(111);
    assertThat(b.allowedIps()).containsExactly(IpPrefix.parse("::/0"));
    assertThat(b.endpoint()).isEmpty();
    assertThat(u.peers().get(2).remove()).isTrue();
  }

  @Test
  void emptyRequestChangesNothing() throws Exception {
    DeviceUpdate u = UapiSetParser.parse(List.of());
    assertThat(u.privateKey()).isEmpty();
    assertThat(u.listenPort()).isEmpty();
    assertThat(u.fwmark()).isEmpty();
    assertThat(u.replacePeers()).isFalse();
    assertThat(u.peers()).isEmpty();
  }

  @Test
  void fwmarkIsUnsigned32Bits() throws Exception {
    assertThat(UapiSetParser.parse(List.of("fwmark=4294967295")).fwmark()).hasValue(-1);
    assertThat(UapiSetParser.parse(List.of("listen_port=65535")).listenPort()).hasValue(65535);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nonsense",
        "=1",
        "private_key=" + K1 + "0",
        "private_key=zz4b5a6d2717c1003a13b431570353dbaca9146cf150c5f8575680feba52027a",
        "listen_port=65536",
        "listen_port=-1",
        "listen_port=",
        "listen_port= 1",
        "fwmark=4294967296",
        "replace_peers=false",
        "allowed_ip=10.0.0.0/8",
        "remove=true",
        "endpoint=1.2.3.4:5",
        "public_key=" + K1 + "|endpoint=1.2.3.4",
        "public_key=" + K1 + "|endpoint=abcd::1:51820",
        "public_key=" + K1 + "|endpoint=[1.2.3.4]:51820",
        "public_key=" + K1 + "|endpoint=example.com:51820",
        "public_key=" + K1 + "|endpoint=1.2.3.4:70000",
        "public_key=" + K1 + "|allowed_ip=10.0.0.0/33",
        "public_key=" + K1 + "|allowed_ip=10.0.0/8",
        "public_key=" + K1 + "|protocol_version=2",
        "public_key=" + K1 + "|remove=yes",
        "public_key=" + K1 + "|persistent_keepalive_interval=65536",
        "public_key=" + K1 + "|private_key=" + K1,
        "public_key=" + K1 + "|listen_port=1",
        "public_key=" + K1 + "|preshared_key=abc",
        "public_key=",
      })
  void refusesMalformedLinesWithEinval(String request) {
    List<String> lines = Arrays.asList(request.split("\\|"));
    assertThatThrownBy(() -> UapiSetParser.parse(lines))
        .isInstanceOfSatisfying(UapiException.class, e -> assertThat(e.errno()).isEqualTo(22));
  }
}
