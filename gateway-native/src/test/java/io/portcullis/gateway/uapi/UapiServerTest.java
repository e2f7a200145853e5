package io.portcullis.gateway.uapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.model.IpPrefix;
import io.portcullis.gateway.model.Key;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class UapiServerTest {
  static final String K1 = UapiSetParserTest.K1;
  static final String K2 = UapiSetParserTest.K2;

  @TempDir Path dir;
  InMemoryDevice device;
  UapiServer server;
  Path socket;

  @BeforeEach
  void start() throws Exception {
    device = new InMemoryDevice("pct0");
    socket = dir.resolve("run/pct0.sock");
    server = UapiServer.start(device, socket);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void setThenGetOverTheSocket() throws Exception {
    UapiClient.set(socket, List.of("private_key=" + K1, "listen_port=51820", "public_key=" + K2,
        "endpoint=10.1.2.3:4000", "allowed_ip=10.0.0.2/32", "allowed_ip=fd00::2/128"));
    DeviceState s = UapiClient.get("pct0", socket);
    assertThat(s.privateKey()).contains(Key.fromHex(K1));
    assertThat(s.listenPort()).isEqualTo(51820);
    assertThat(s.peers()).singleElement().satisfies(p -> {
      assertThat(p.publicKey()).isEqualTo(Key.fromHex(K2));
      assertThat(p.allowedIps()).containsExactly(IpPrefix.parse("10.0.0.2/32"), IpPrefix.parse("fd00::2/128"));
      assertThat(p.endpoint().orElseThrow().getPort()).isEqualTo(4000);
    });
  }

  @Test
  void socketIsOwnerOnlyAndRemovedOnClose() throws Exception {
    assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    server.close();
    assertThat(socket).doesNotExist();
    assertThat(UapiClient.answers(socket)).isFalse();
  }

  @Test
  void malformedSetAnswersEinvalAndChangesNothing() throws Exception {
    UapiClient.set(socket, List.of("listen_port=1000"));
    int before = device.appliedCount();
    String reply = raw("set=1\nlisten_port=2000\npublic_key=" + K2 + "\nallowed_ip=10.0.0.0/99\n\n");
    assertThat(reply).isEqualTo("errno=-22\n\n");
    assertThat(device.appliedCount()).isEqualTo(before);
    assertThat(UapiClient.get("pct0", socket).listenPort()).isEqualTo(1000);
  }

  @Test
  void severalRequestsOnOneConnection() throws Exception {
    String reply = raw("set=1\nlisten_port=3000\n\nget=1\n\n");
    assertThat(reply).isEqualTo("errno=0\n\nlisten_port=3000\nerrno=0\n\n");
  }

  @Test
  void unknownOperationAndOverlongLineAreRefused() throws Exception {
    assertThat(raw("frobnicate=1\n\n")).isEqualTo("errno=-71\n\n");
    assertThat(raw("set=1\nlisten_port=" + "1".repeat(10_000) + "\n\n")).isEqualTo("errno=-22\n\n");
    assertThat(raw("get=1\nx\n")).isEqualTo("errno=-22\n\n");
    assertThat(device.appliedCount()).isZero();
  }

  @Test
  void staleSocketIsReplacedButALiveOneIsNot() throws Exception {
    assertThatThrownBy(() -> UapiServer.start(new InMemoryDevice("pct0"), socket)).hasMessageContaining("in use");
    server.close();
    Files.writeString(socket, "stale");
    server = UapiServer.start(device, socket);
    assertThat(UapiClient.get("pct0", socket).peers()).isEmpty();
  }

  /** Sends {@code request}, half-closes, and returns everything the server answers until it hangs up. */
  String raw(String request) throws Exception {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
      ch.shutdownOutput();
      ByteBuffer in = ByteBuffer.allocate(1 << 16);
      while (ch.read(in) >= 0) {
        if (!in.hasRemaining()) {
          break;
        }
      }
      return new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
    }
  }
}
