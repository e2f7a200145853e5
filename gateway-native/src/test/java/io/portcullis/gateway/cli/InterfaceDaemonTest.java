package io.portcullis.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.gateway.config.WgQuickConfig;
import io.portcullis.gateway.config.WgQuickParser;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.uapi.InMemoryDevice;
import io.portcullis.gateway.uapi.UapiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The up/down sequence of one interface against an in-memory device and a recording link. */
class InterfaceDaemonTest {
  static final String PRIV = "yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=";
  static final String PUB1 = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";
  static final String PUB2 = "TrMvSoP4jYQlY6RIzBgbssQqY3vxI2Pi+y71lOWWXX0=";

  @TempDir Path dir;
  final List<String> calls = new ArrayList<>();
  InMemoryDevice device;

  final LinkSetup link = new LinkSetup() {
    @Override
    public void setMtu(String iface, int mtu) {
      calls.add("mtu " + iface + " " + mtu);
    }

    @Override
    public void addAddress(String iface, IpPrefix prefix) {
      calls.add("addr " + prefix);
    }

    @Override
    public void setUp(String iface) {
      calls.add("up " + iface);
    }

    @Override
    public void addRoutes(String iface, List<IpPrefix> destinations, int table) {
      calls.add("routes " + destinations + " table " + table);
    }
  };

  InterfaceDaemon daemon(String text) throws Exception {
    Path conf = dir.resolve("pcd0.conf");
    Files.writeString(conf, text);
    WgQuickConfig c = WgQuickParser.parse(conf);
    return new InterfaceDaemon("pcd0", c, conf, (name, userspace) -> {
      calls.add("open " + name + " userspace=" + userspace);
      device = new InMemoryDevice(name);
      return device;
    }, link, true, dir.resolve("sock/pcd0.sock"));
  }

  @Test
  void upAppliesEverythingInOrderAndDownSavesTheConfig() throws Exception {
    Path log = dir.resolve("hooks.log");
    InterfaceDaemon d = daemon("""
        [Interface]
        PrivateKey = %s
        ListenPort = 51820
        Address = 10.9.0.1/24, fd09::1/64
        Table = 1234
        PreUp = echo preup %%i >> %s
        PostUp = echo postup %%i >> %s
        PreDown = echo predown %%i >> %s
        PostDown = echo postdown %%i >> %s
        SaveConfig = true
        [Peer]
        PublicKey = %s
        AllowedIPs = 10.9.0.2/32, 10.9.0.0/24, fd09::2/128
        Endpoint = 127.0.0.1:51821
        """.formatted(PRIV, log, log, log, log, PUB1));
    d.start();
    assertThat(calls).containsExactly("open pcd0 userspace=true", "mtu pcd0 1420",
        "addr 10.9.0.1/24", "addr fd09::1/64", "up pcd0",
        "routes [10.9.0.2/32, 10.9.0.0/24, fd09::2/128] table 1234");
    assertThat(Files.readAllLines(log)).containsExactly("preup pcd0", "postup pcd0");
    assertThat(UapiClient.get("pcd0", dir.resolve("sock/pcd0.sock")).listenPort()).isEqualTo(51820);

    // A change through the UAPI socket is what SaveConfig writes back.
    UapiClient.set(dir.resolve("sock/pcd0.sock"), List.of("public_key=" + io.portcullis.gateway.model.Key
        .fromBase64(PUB2).toHex(), "allowed_ip=10.9.0.3/32"));
    d.stop();
    d.stop();
    assertThat(device.isClosed()).isTrue();
    assertThat(dir.resolve("sock/pcd0.sock")).doesNotExist();
    assertThat(Files.readAllLines(log)).containsExactly("preup pcd0", "postup pcd0", "predown pcd0",
        "postdown pcd0");
    WgQuickConfig saved = WgQuickParser.parse(dir.resolve("pcd0.conf"));
    assertThat(saved.peers()).hasSize(2);
    assertThat(saved.peers().get(1).allowedIps()).containsExactly(IpPrefix.parse("10.9.0.3/32"));
    assertThat(saved.postUp()).hasSize(1);
    assertThat(saved.table()).isEqualTo("1234");
    assertThat(saved.addresses()).hasSize(2);
  }

  @Test
  void tableOffSkipsRoutesAndDefaultRouteIsNotPutInMain() throws Exception {
    InterfaceDaemon d =
        daemon("[Interface]\nTable = off\nMTU = 1300\n[Peer]\nPublicKey = " + PUB1 + "\nAllowedIPs = 0.0.0.0/0\n");
    d.start();
    assertThat(calls).containsExactly("open pcd0 userspace=true", "mtu pcd0 1300", "up pcd0");
    d.stop();
    calls.clear();
    d = daemon("[Interface]\n[Peer]\nPublicKey = " + PUB1 + "\nAllowedIPs = 0.0.0.0/0, 10.1.0.0/16\n");
    d.start();
    assertThat(calls).contains("routes [10.1.0.0/16] table 254");
    d.stop();
  }

  @Test
  void failingPostUpRemovesTheInterface() throws Exception {
    InterfaceDaemon d = daemon("[Interface]\nPostUp = exit 3\n");
    assertThatThrownBy(d::start).isInstanceOf(CliException.class)
        .hasMessage("PostUp hook failed with status 3: exit 3");
    assertThat(device.isClosed()).isTrue();
    assertThat(dir.resolve("sock/pcd0.sock")).doesNotExist();
  }

  @Test
  void failingPreUpCreatesNothing() throws Exception {
    assertThatThrownBy(() -> daemon("[Interface]\nPreUp = false\n").start()).hasMessageContaining("PreUp hook");
    assertThat(calls).isEmpty();
  }

  @Test
  void failingLinkStepRemovesTheInterface() throws Exception {
    InterfaceDaemon d = new InterfaceDaemon("pcd0", WgQuickParser.parse("x.conf", "[Interface]\nAddress = 10.0.0.1/8\n"),
        dir.resolve("x.conf"), (n, u) -> device = new InMemoryDevice(n), new LinkSetup() {
          @Override
          public void setMtu(String iface, int mtu) {}

          @Override
          public void addAddress(String iface, IpPrefix prefix) throws IOException {
            throw new IOException("RTM_NEWADDR: EEXIST");
          }

          @Override
          public void setUp(String iface) {}

          @Override
          public void addRoutes(String iface, List<IpPrefix> destinations, int table) {}
        }, false, dir.resolve("s/pcd0.sock"));
    assertThatThrownBy(d::start).hasMessage("cannot bring up pcd0: RTM_NEWADDR: EEXIST");
    assertThat(device.isClosed()).isTrue();
  }
}
