package io.portcullis.gateway.uapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.portcullis.gateway.cli.Curve25519Keys;
import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stock wg(8) drives a device through our UAPI socket at {@code /var/run/wireguard}: set, show, showconf,
 * setconf, syncconf and peer removal. Skipped where wg is not installed or the directory is not writable.
 */
@Timeout(60)
class WgToolCompatibilityTest {
  static final Path WG = Path.of("/usr/bin/wg");

  @TempDir Path dir;
  String iface;
  InMemoryDevice device;
  UapiServer server;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(Files.isExecutable(WG), "wg(8) is not installed");
    try {
      Files.createDirectories(UapiProtocol.SOCKET_DIRECTORY);
    } catch (IOException e) {
      assumeTrue(false, "cannot create " + UapiProtocol.SOCKET_DIRECTORY);
    }
    assumeTrue(Files.isWritable(UapiProtocol.SOCKET_DIRECTORY), UapiProtocol.SOCKET_DIRECTORY + " not writable");
    iface = "pct" + ProcessHandle.current().pid() % 100000;
    device = new InMemoryDevice(iface);
    server = UapiServer.start(device);
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void wgSetShowShowconfSetconfSyncconfAndRemove() throws Exception {
    Key priv = Curve25519Keys.generatePrivate();
    Key peer1 = Curve25519Keys.publicKey(Curve25519Keys.generatePrivate());
    Key peer2 = Curve25519Keys.publicKey(Curve25519Keys.generatePrivate());
    Key psk = Curve25519Keys.generatePreshared();
    Path privFile = write("priv", priv.toBase64());
    Path pskFile = write("psk", psk.toBase64());

    wg("set", iface, "private-key", privFile.toString(), "listen-port", "51999", "fwmark", "0x20",
        "peer", peer1.toBase64(), "preshared-key", pskFile.toString(), "endpoint", "[fd00::1]:5000",
        "persistent-keepalive", "25", "allowed-ips", "10.0.0.2/32,fd00::2/128",
        "peer", peer2.toBase64(), "endpoint", "192.0.2.7:6000", "allowed-ips", "10.0.0.3/32");
    DeviceState s = device.state();
    assertThat(s.privateKey()).contains(priv);
    assertThat(s.listenPort()).isEqualTo(51999);
    assertThat(s.fwmark()).isEqualTo(0x20);
    assertThat(s.peers()).extracting(PeerState::publicKey).containsExactly(peer1, peer2);
    assertThat(s.peers().get(0).presharedKey()).contains(psk);
    assertThat(s.peers().get(0).persistentKeepalive()).isEqualTo(25);

    // wg computes the public key itself from the private key it reads: it must agree with ours.
    assertThat(wg("show", iface, "public-key").strip()).isEqualTo(Curve25519Keys.publicKey(priv).toBase64());
    String dump = wg("show", iface, "dump");
    assertThat(dump).contains(peer1.toBase64() + "\t" + psk.toBase64() + "\t[fd00::1]:5000\t10.0.0.2/32,fd00::2/128");
    assertThat(dump).contains(peer2.toBase64() + "\t(none)\t192.0.2.7:6000\t10.0.0.3/32");
    assertThat(wg("show", "interfaces")).contains(iface);

    // showconf, then setconf of a file without peer2 replaces the peer set.
    String conf = wg("showconf", iface);
    assertThat(conf).contains("ListenPort = 51999", "PrivateKey = " + priv.toBase64(), "FwMark = 0x20");
    Path withoutPeer2 = write("one.conf", conf.substring(0, conf.lastIndexOf("[Peer]")));
    wg("setconf", iface, withoutPeer2.toString());
    assertThat(device.state().peers()).extracting(PeerState::publicKey).containsExactly(peer1);

    // syncconf to the full file brings peer2 back and keeps peer1 as it is.
    wg("syncconf", iface, write("full.conf", conf).toString());
    assertThat(device.state().peers()).extracting(PeerState::publicKey).containsExactlyInAnyOrder(peer1, peer2);

    // Re-assigning an allowed IP moves it; removing a peer through wg set.
    wg("set", iface, "peer", peer2.toBase64(), "allowed-ips", "10.0.0.3/32,10.0.0.2/32");
    assertThat(device.state().peers().stream().filter(p -> p.publicKey().equals(peer1)).findFirst().orElseThrow()
        .allowedIps()).containsExactly(IpPrefix.parse("fd00::2/128"));
    wg("set", iface, "peer", peer1.toBase64(), "remove");
    assertThat(device.state().peers()).extracting(PeerState::publicKey).containsExactly(peer2);
  }

  @Test
  void wgFailsOnOurErrnoAndWhenNobodyAnswers() throws Exception {
    device.refusePort(51998);
    Process p = new ProcessBuilder(WG.toString(), "set", iface, "listen-port", "51998").redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isNotZero();
    assertThat(out).contains("Address already in use");
    assertThat(device.appliedCount()).isZero();

    server.close();
    server = null;
    p = new ProcessBuilder(WG.toString(), "show", iface).redirectErrorStream(true).start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isNotZero();
  }

  Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content + "\n");
    return p;
  }

  static String wg(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(WG.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("wg %s finishes", String.join(" ", args)).isTrue();
    assertThat(p.exitValue()).as("wg %s: %s", String.join(" ", args), out).isZero();
    return out;
  }
}
