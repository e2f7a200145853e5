package io.portcullis.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.model.Key;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;

  record Result(int status, String out, String err) {}

  static Result run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        (name, userspace) -> {
          throw new java.io.IOException("no devices in this test");
        }, null);
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void genkeyPubkeyGenpsk() {
    Result priv = run("", "genkey");
    assertThat(priv.status()).isZero();
    Key k = Key.fromBase64(priv.out().strip());
    byte[] b = k.bytes();
    assertThat(b[0] & 7).isZero();
    assertThat(b[31] & 0xc0).isEqualTo(0x40);
    Result pub = run(priv.out(), "pubkey");
    assertThat(pub.status()).isZero();
    assertThat(Key.fromBase64(pub.out().strip())).isEqualTo(Curve25519Keys.publicKey(k)).isNotEqualTo(k);
    Result psk = run("", "genpsk");
    assertThat(Key.fromBase64(psk.out().strip())).isNotEqualTo(Key.fromBase64(run("", "genpsk").out().strip()));
  }

  @Test
  void pubkeyOfRfc7748Vector() {
    // RFC 7748 section 6.1: Alice's private key and public key.
    Key alice = Key.of(java.util.HexFormat.of()
        .parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    Result pub = run(alice.toBase64() + "\n", "pubkey");
    assertThat(Key.fromBase64(pub.out().strip()).toHex())
        .isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  }

  @Test
  void pubkeyAgreesWithWg() throws Exception {
    Path wg = Path.of("/usr/bin/wg");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(wg));
    for (int i = 0; i < 5; i++) {
      String priv = run("", "genkey").out();
      Process p = new ProcessBuilder(wg.toString(), "pubkey").start();
      p.getOutputStream().write(priv.getBytes(StandardCharsets.US_ASCII));
      p.getOutputStream().close();
      String theirs = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(run(priv, "pubkey").out()).isEqualTo(theirs);
    }
  }

  @Test
  void malformedInputExitsOneWithAMessage() throws Exception {
    Result bad = run("not-a-key\n", "pubkey");
    assertThat(bad.status()).isEqualTo(1);
    assertThat(bad.err()).startsWith("portcullis-gateway: pubkey: the private key on standard input is malformed");
    assertThat(bad.out()).isEmpty();

    assertThat(run("", "frobnicate").status()).isEqualTo(1);
    assertThat(run("").status()).isEqualTo(1);

    Path conf = dir.resolve("wgx.conf");
    Files.writeString(conf, "[Interface]\nPrivateKey = short\n");
    Result up = run("", "up", "--foreground", conf.toString());
    assertThat(up.status()).isEqualTo(1);
    assertThat(up.err()).isEqualTo("portcullis-gateway: " + conf + ":2: key 'PrivateKey': not a base64 WireGuard "
        + "key (44 characters ending in one '=')\n");

    Result missing = run("", "up", dir.resolve("nope.conf").toString());
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err()).contains("nope.conf: cannot read");

    Result badName = run("", "up", dir.resolve("much-too-long-name0.conf").toString());
    assertThat(badName.err()).contains("is not a valid interface name");
    assertThat(run("", "down", "no-such-if0").err()).contains("no-such-if0 is not up");
    assertThat(run("", "up", "--bogus", "x.conf").err()).contains("usage:");
  }
}
