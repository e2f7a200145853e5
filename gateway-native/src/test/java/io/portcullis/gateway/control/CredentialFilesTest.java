package io.portcullis.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's TLS files: checked loading, atomic replacement, recovery, and reload by the control client. */
class CredentialFilesTest {
  @TempDir Path dir;

  private final Instant now = Instant.now();

  private CredentialFiles files(Path cert, Path key) {
    return new CredentialFiles(Optional.of(cert), Optional.of(key), Optional.empty());
  }

  private TestCertificates.Pair pair(String cn) throws Exception {
    return TestCertificates.selfSigned("CN=" + cn, now.minusSeconds(60), now.plus(Duration.ofDays(1)));
  }

  @Test
  void replaceWritesBothFilesWithTheKeyReadableByTheOwnerOnly() throws Exception {
    Path cert = Files.writeString(dir.resolve("gw.pem"), pair("old").certificatePem());
    Path key = Files.writeString(dir.resolve("gw.key"), "old key");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    TestCertificates.Pair next = pair("new");

    files(cert, key).replace(next.certificatePem().getBytes(), next.keyPem().getBytes());

    assertThat(Files.readString(cert)).isEqualTo(next.certificatePem());
    assertThat(Files.readString(key)).isEqualTo(next.keyPem());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(dir.resolve("gw.pem.new")).doesNotExist();
    assertThat(dir.resolve("gw.key.new")).doesNotExist();
    assertThat(files(cert, key).load().certificate()).isEqualTo(next.certificate());
  }

  @Test
  void replacementIsRenamedInSoAReaderNeverSeesAHalfWrittenFile() throws Exception {
    Path cert = Files.writeString(dir.resolve("gw.pem"), pair("old").certificatePem());
    Path key = Files.writeString(dir.resolve("gw.key"), pair("old").keyPem());
    Object before = Files.readAttributes(cert, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    TestCertificates.Pair next = pair("new");
    files(cert, key).replace(next.certificatePem().getBytes(), next.keyPem().getBytes());
    // A new inode: the old file was replaced by a rename, not rewritten in place.
    assertThat(Files.readAttributes(cert, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
        .isNotEqualTo(before);
  }

  @Test
  void badPemIsAClearErrorNamingTheFile() throws Exception {
    TestCertificates.Pair good = pair("gw");
    Path cert = Files.writeString(dir.resolve("gw.pem"), "not a certificate");
    Path key = Files.writeString(dir.resolve("gw.key"), good.keyPem());
    assertThatThrownBy(() -> files(cert, key).load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(cert.toString())
        .hasMessageContaining("holds no PEM certificate");

    Files.writeString(cert, good.certificatePem());
    Files.writeString(key, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
    assertThatThrownBy(() -> files(cert, key).load())
        .hasMessageContaining(key.toString())
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");

    Files.writeString(key, pair("other").keyPem());
    assertThatThrownBy(() -> files(cert, key).load())
        .hasMessageContaining("is not the private key of the certificate");

    Files.writeString(
        cert, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> files(cert, key).load()).hasMessageContaining("no readable X.509 certificate");
  }

  @Test
  void anInterruptedReplacementIsCompletedWhenTheKeyWasAlreadyRenamed() throws Exception {
    TestCertificates.Pair old = pair("old");
    TestCertificates.Pair next = pair("new");
    Path cert = Files.writeString(dir.resolve("gw.pem"), old.certificatePem());
    // Crash between the renames: the new key in place, the new certificate still beside it.
    Path key = Files.writeString(dir.resolve("gw.key"), next.keyPem());
    Files.writeString(dir.resolve("gw.pem.new"), next.certificatePem());

    assertThat(files(cert, key).recover()).get().asString().startsWith("completed");
    assertThat(files(cert, key).load().certificate()).isEqualTo(next.certificate());
    assertThat(dir.resolve("gw.pem.new")).doesNotExist();
  }

  @Test
  void anInterruptedReplacementBeforeTheRenamesKeepsTheOldPair() throws Exception {
    TestCertificates.Pair old = pair("old");
    TestCertificates.Pair next = pair("new");
    Path cert = Files.writeString(dir.resolve("gw.pem"), old.certificatePem());
    Path key = Files.writeString(dir.resolve("gw.key"), old.keyPem());
    Files.writeString(dir.resolve("gw.key.new"), next.keyPem());
    Files.writeString(dir.resolve("gw.pem.new"), next.certificatePem().substring(0, 40));

    assertThat(files(cert, key).recover()).get().asString().startsWith("removed");
    assertThat(files(cert, key).load().certificate()).isEqualTo(old.certificate());
    assertThat(dir.resolve("gw.key.new")).doesNotExist();
    assertThat(files(cert, key).recover()).isEmpty();
  }

  @Test
  void renewalIsDueInTheLastThirdOfTheLifetime() throws Exception {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    TestCertificates.Pair p = TestCertificates.selfSigned("CN=gw", start, start.plus(Duration.ofDays(90)));
    ClientCredentials c =
        ClientCredentials.parse(
            p.certificatePem().getBytes(), p.keyPem().getBytes(), new byte[0], new ClientCredentials.Names("c", "k", "a"));
    assertThat(c.dueForRenewal(start.plus(Duration.ofDays(59)))).isFalse();
    assertThat(c.dueForRenewal(start.plus(Duration.ofDays(60)))).isTrue();
    assertThat(c.dueForRenewal(start.plus(Duration.ofDays(100)))).isTrue();
    assertThat(ClientCredentials.NONE.dueForRenewal(start)).isFalse();
  }

  @Test
  void theClientReloadsReplacedFilesAndKeepsItsCredentialsWhenTheyAreBad() throws Exception {
    TestCertificates.Pair first = pair("first");
    Path cert = Files.writeString(dir.resolve("gw.pem"), first.certificatePem());
    Path key = Files.writeString(dir.resolve("gw.key"), first.keyPem());
    Path ca = Files.writeString(dir.resolve("ca.pem"), first.certificatePem());
    GatewaySettings settings =
        GatewaySettingsLoader.load(
            List.of("--grpc-url", "https://127.0.0.1:9", "--token", "pgw_x", "--grpc-cert", cert.toString(),
                "--grpc-key", key.toString(), "--grpc-ca", ca.toString()),
            Map.of("PORTCULLIS_CONFIG", "/dev/null"));
    try (ControlClient client =
        new ControlClient(settings, null, InterfaceSetup.NONE, "t", Clock.systemUTC(), new SplittableRandom(1))) {
      assertThat(client.credentials().certificate()).isEqualTo(first.certificate());
      assertThat(client.reloadIfReplaced()).isFalse();

      // Half a replacement (a new certificate, the old key): refused, the loaded credentials stay.
      TestCertificates.Pair second = pair("second");
      Files.writeString(cert, second.certificatePem());
      assertThat(client.reloadIfReplaced()).isFalse();
      assertThat(client.credentials().certificate()).isEqualTo(first.certificate());
      // Reported once per change, not at every check.
      assertThat(client.reloadIfReplaced()).isFalse();

      // The key follows: both are picked up.
      Files.writeString(key, second.keyPem());
      assertThat(client.reloadIfReplaced()).isTrue();
      assertThat(client.credentials().certificate()).isEqualTo(second.certificate());
      assertThat(client.reloadIfReplaced()).isFalse();

      // A CA file that is not PEM: refused too.
      Files.writeString(ca, "garbage");
      assertThat(client.reloadIfReplaced()).isFalse();
      assertThat(client.credentials().certificate()).isEqualTo(second.certificate());
    }
  }
}
