package io.portcullis.it.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.core.infrastructure.pki.InternalCertificateAuthority;
import io.portcullis.core.infrastructure.pki.IssuedCertificate;
import io.portcullis.core.infrastructure.pki.PemFiles;
import io.portcullis.gateway.control.ControlClient;
import io.portcullis.gateway.model.Key;
import io.portcullis.it.Deployments;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The control channel against the deployed core (internal CA, mutual TLS): gateways receive the location's full
 * configuration, then every committed change within a second; status and stats reach the REST API.
 */
@ExtendWith(ArquillianExtension.class)
class GatewayControlIT {
  private static final Duration ONE_SECOND = Duration.ofSeconds(1);
  // Connecting, TLS and refusals on a loaded 2-core CI machine can take many seconds; only the issue's
  // one-second bounds for changes (ONE_SECOND) are requirements, these waits just must not hang forever.
  private static final Duration SETTLE = Duration.ofSeconds(60);

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  static Key key(JsonPath device) {
    return Key.fromBase64(device.getString("device.publicKey"));
  }

  @Test
  void gatewaysFollowEveryCommittedChangeWithinOneSecond() throws Exception {
    Path dir = Files.createTempDirectory("control-it");
    long location = CoreApi.location(41);
    long user = CoreApi.user();
    JsonPath first = CoreApi.device(user);
    CoreApi.Gateway gw1 = CoreApi.gateway(location);
    CoreApi.Gateway gw2 = CoreApi.gateway(location);
    CoreApi.Credentials c1 = CoreApi.certificate(gw1.id(), dir.resolve("1"));
    CoreApi.Credentials c2 = CoreApi.certificate(gw2.id(), dir.resolve("2"));

    try (TestGateway a = new TestGateway(gw1.token(), c1, false);
        TestGateway b = new TestGateway(gw2.token(), c2, false)) {
      TestGateway.await("full configuration on both gateways", SETTLE,
          () -> a.device.hasPeer(key(first)) && b.device.hasPeer(key(first)));
      assertThat(a.device.privateKey()).isPresent();
      assertThat(a.device.allowedIps(key(first)))
          .singleElement()
          .satisfies(p -> assertThat(p.length()).isEqualTo(32))
          .satisfies(p -> assertThat(p.toString()).startsWith("10.41."));

      // A device added through REST reaches both gateways within a second of the commit.
      JsonPath second = CoreApi.device(user);
      long committed = System.nanoTime();
      TestGateway.await("new device on both gateways", ONE_SECOND,
          () -> a.device.hasPeer(key(second)) && b.device.hasPeer(key(second)));
      System.out.printf("device added: on gateway a after %d ms%n",
          (a.device.changedAtNanos(key(second)) - committed) / 1_000_000);

      // Deleted: gone within a second; the other peer was not touched.
      int appliesBefore = a.device.applies();
      CoreApi.deleteDevice(second.getLong("device.id"));
      TestGateway.await("deleted device removed", ONE_SECOND,
          () -> !a.device.hasPeer(key(second)) && !b.device.hasPeer(key(second)));
      assertThat(a.device.hasPeer(key(first))).isTrue();
      assertThat(a.device.applies()).isEqualTo(appliesBefore + 1);

      // The owner disabled: the peer goes; enabled again: it comes back.
      CoreApi.setEnabled(user, false);
      TestGateway.await("disabled user's peer removed", ONE_SECOND, () -> !a.device.hasPeer(key(first)));
      CoreApi.setEnabled(user, true);
      TestGateway.await("enabled user's peer back", ONE_SECOND, () -> a.device.hasPeer(key(first)));

      // Status: both connected, with version, mode and address; the acknowledged revision catches up.
      TestGateway.await("applied revision reported", SETTLE, () -> {
        JsonPath s = CoreApi.status(gw1.id());
        return s.getBoolean("connected") && s.getLong("appliedRevision") == s.getLong("locationRevision");
      });
      JsonPath status = CoreApi.status(gw1.id());
      assertThat(status.getString("version")).isEqualTo("it-1.0");
      assertThat(status.getString("mode")).isEqualTo("userspace");
      assertThat(status.getString("address")).startsWith("127.0.0.1:");
      assertThat(status.getString("connectedSince")).isNotNull();

      // Stats (every second from the gateways) are stored and served per device.
      long deviceId = first.getLong("device.id");
      TestGateway.await("stats of the device", SETTLE,
          () -> CoreApi.deviceStats(deviceId).getList("peers").size() == 2);
      JsonPath stats = CoreApi.deviceStats(deviceId);
      assertThat(stats.getLong("rxBytes")).isPositive();
      assertThat(stats.getList("samples")).isNotEmpty();
    }
    TestGateway.await("disconnection recorded", SETTLE,
        () -> !CoreApi.status(gw1.id()).getBoolean("connected"));
  }

  @Test
  void badCredentialsAreRefusedCountedAndNeverConfigureTheInterface() throws Exception {
    Path dir = Files.createTempDirectory("control-it-refused");
    long location = CoreApi.location(42);
    long other = CoreApi.location(43);
    CoreApi.Gateway gw = CoreApi.gateway(location);
    CoreApi.Gateway foreign = CoreApi.gateway(other);
    CoreApi.Credentials own = CoreApi.certificate(gw.id(), dir.resolve("own"));
    CoreApi.Credentials foreignCert = CoreApi.certificate(foreign.id(), dir.resolve("foreign"));

    // An unknown token.
    long before = CoreApi.refusals("unknown-token");
    try (TestGateway g = new TestGateway("pgw_not-a-real-token", own, false)) {
      TestGateway.await("unknown token refused", SETTLE, () -> CoreApi.refusals("unknown-token") > before);
      assertThat(g.device.applies()).isZero();
    }

    // No client certificate while mutual TLS is required.
    long missing = CoreApi.refusals("untrusted-certificate") + CoreApi.refusals("missing-certificate");
    try (TestGateway g = new TestGateway(gw.token(), own, true)) {
      TestGateway.await("connection without certificate refused", SETTLE,
          () -> CoreApi.refusals("untrusted-certificate") + CoreApi.refusals("missing-certificate") > missing);
      assertThat(g.device.applies()).isZero();
    }

    // The certificate of a gateway of another location with this gateway's token.
    long mismatch = CoreApi.refusals("certificate-mismatch");
    try (TestGateway g = new TestGateway(gw.token(), foreignCert, false)) {
      TestGateway.await("foreign certificate refused", SETTLE,
          () -> CoreApi.refusals("certificate-mismatch") > mismatch);
      assertThat(g.device.applies()).isZero();
    }

    // A revoked token: the gateway connected before is disconnected and stops retrying.
    try (TestGateway g = new TestGateway(gw.token(), own, false)) {
      TestGateway.await("synchronized", SETTLE,
          () -> g.client.state() == ControlClient.State.SYNCHRONIZED);
      io.restassured.RestAssured.given().spec(Deployments.api())
          .delete("/gateway-credentials/" + gw.id() + "/token").then().statusCode(204);
      TestGateway.await("removed by the core", SETTLE, () -> Boolean.FALSE.equals(g.result()));
      assertThat(g.client.state()).isEqualTo(ControlClient.State.REMOVED);
    }
    long revoked = CoreApi.refusals("revoked-token");
    try (TestGateway g = new TestGateway(gw.token(), own, false)) {
      TestGateway.await("revoked token refused", SETTLE, () -> CoreApi.refusals("revoked-token") > revoked);
      TestGateway.await("gives up", SETTLE, () -> Boolean.FALSE.equals(g.result()));
      assertThat(g.device.applies()).isZero();
    }
  }


  @Test
  void tlsRefusalsAreLoggedOnBothSidesAndCounted() throws Exception {
    Path dir = Files.createTempDirectory("control-it-tls");
    long location = CoreApi.location(45);
    CoreApi.Gateway gw = CoreApi.gateway(location);
    CoreApi.Credentials own = CoreApi.certificate(gw.id(), dir.resolve("own"));

    // The gateway trusts another CA than the core's: it refuses the core's certificate.
    InternalCertificateAuthority.openOrCreate(dir.resolve("other-ca"), Clock.systemUTC());
    CoreApi.Credentials wrongCa =
        new CoreApi.Credentials(own.certificate(), own.key(), dir.resolve("other-ca/ca.pem"), own.serial());
    long refusedServer = CoreApi.refusals("server-certificate-refused");
    try (TestGateway g = new TestGateway(gw.token(), wrongCa, false)) {
      TestGateway.await("gateway reports a problem", SETTLE, () -> !g.client.lastProblem().isEmpty());
      assertThat(g.client.lastProblem()).startsWith("this gateway does not trust the core's certificate");
      TestGateway.await("core's certificate refused by the gateway, counted by the core", SETTLE,
          () -> CoreApi.refusals("server-certificate-refused") > refusedServer);
      assertThat(g.device.applies()).isZero();
    }
    assertThat(serverLog()).contains("failed: the gateway aborted the TLS handshake (alert");

    // An expired client certificate of the right gateway from the core's own CA (issued through the CA's Java
    // API on the core's files; REST issues only current certificates).
    InternalCertificateAuthority ca =
        InternalCertificateAuthority.openOrCreate(
            Path.of(System.getProperty("portcullis.it.serverDir"), "data", "portcullis", "pki"), Clock.systemUTC());
    Instant now = Instant.now();
    IssuedCertificate expired = ca.issueGateway(gw.id(), now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
    Path expiredDir = Files.createDirectories(dir.resolve("expired"));
    CoreApi.Credentials expiredCredentials =
        new CoreApi.Credentials(
            Files.writeString(expiredDir.resolve("gw.pem"), PemFiles.certificate(expired.certificate())),
            Files.writeString(expiredDir.resolve("gw.key"), PemFiles.privateKey(expired.privateKey())),
            own.ca(),
            expired.certificate().getSerialNumber().toString(16));
    long untrusted = CoreApi.refusals("untrusted-certificate");
    try (TestGateway g = new TestGateway(gw.token(), expiredCredentials, false)) {
      TestGateway.await("gateway reports a problem", SETTLE, () -> !g.client.lastProblem().isEmpty());
      assertThat(g.client.lastProblem()).startsWith("the core refused the TLS handshake");
      TestGateway.await("expired certificate refused by the core", SETTLE,
          () -> CoreApi.refusals("untrusted-certificate") > untrusted);
      assertThat(g.device.applies()).isZero();
    }
    assertThat(serverLog())
        .contains("client certificate 'CN=portcullis-gateway-" + gw.id() + ",O=Portcullis' not trusted (expired on");

    // The same gateway with its current certificate is served: the refusals were about the certificates only.
    try (TestGateway g = new TestGateway(gw.token(), own, false)) {
      TestGateway.await("synchronized", SETTLE, () -> g.client.state() == ControlClient.State.SYNCHRONIZED);
    }
  }

  /** The core's own CA, opened on its files (to issue certificates with chosen validity, as tests need). */
  private static InternalCertificateAuthority coreCa() throws java.io.IOException {
    return InternalCertificateAuthority.openOrCreate(
        Path.of(System.getProperty("portcullis.it.serverDir"), "data", "portcullis", "pki"), Clock.systemUTC());
  }

  /** Writes a certificate and key issued through the CA's API beside the gateway's other files. */
  private static CoreApi.Credentials write(IssuedCertificate issued, Path dir, Path ca) throws java.io.IOException {
    Files.createDirectories(dir);
    return new CoreApi.Credentials(
        Files.writeString(dir.resolve("gw.pem"), PemFiles.certificate(issued.certificate())),
        Files.writeString(dir.resolve("gw.key"), PemFiles.privateKey(issued.privateKey())),
        ca,
        issued.serialHex());
  }

  private static Object sql(String query, Object... parameters) throws java.sql.SQLException {
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(io.portcullis.it.TestDatabase.jdbcUrl(), "postgres", "postgres");
        java.sql.PreparedStatement st = c.prepareStatement(query)) {
      for (int i = 0; i < parameters.length; i++) {
        st.setObject(i + 1, parameters[i]);
      }
      if (!st.execute()) {
        return st.getUpdateCount();
      }
      try (java.sql.ResultSet rs = st.getResultSet()) {
        return rs.next() ? rs.getObject(1) : null;
      }
    }
  }

  @Test
  void aGatewayRenewsItsShortLivedCertificateAndKeepsItsInterfaceAndUpdates() throws Exception {
    Path dir = Files.createTempDirectory("control-it-renew");
    long location = CoreApi.location(46);
    long user = CoreApi.user();
    JsonPath first = CoreApi.device(user);
    CoreApi.Gateway gw = CoreApi.gateway(location);
    Path ca = CoreApi.certificate(gw.id(), dir.resolve("rest")).ca();
    // 60 s of life, 45 s left: renewal is due 25 s from now (a third left), after the gateway is connected, so
    // the periodic check (every second here) finds it, not the one at connection.
    Instant now = Instant.now();
    IssuedCertificate shortLived = coreCa().issueGateway(gw.id(), now.minusSeconds(15), now.plusSeconds(45));
    CoreApi.Credentials files = write(shortLived, dir.resolve("gw"), ca);
    // A second gateway of the location whose certificate is due already (25 s of 90 left) and which checks only
    // hourly: the check at connection renews it.
    CoreApi.Gateway gw2 = CoreApi.gateway(location);
    IssuedCertificate due = coreCa().issueGateway(gw2.id(), now.minusSeconds(65), now.plusSeconds(25));
    CoreApi.Credentials files2 = write(due, dir.resolve("gw2"), ca);
    long renewedBefore = CoreApi.certificatesRenewed();

    try (TestGateway g =
            new TestGateway(gw.token(), files, false, 1, java.util.List.of("--cert-check-interval", "1"));
        TestGateway h =
            new TestGateway(gw2.token(), files2, false, 1, java.util.List.of("--cert-check-interval", "3600"))) {
      TestGateway.await("synchronized with the short-lived certificate", SETTLE,
          () -> g.device.hasPeer(key(first)) && shortLived.serialHex().equals(CoreApi.certificateInUse(gw.id())));
      int applies = g.device.applies();
      assertThat(Instant.now())
          .as("connected before the renewal was due (else this tests the check at connection only)")
          .isBefore(now.plusSeconds(25));

      TestGateway.await("the due certificate renewed at connection", SETTLE, () -> {
        String inUse = CoreApi.certificateInUse(gw2.id());
        return inUse != null && !inUse.equals(due.serialHex()) && h.device.hasPeer(key(first));
      });
      assertThat(Instant.now()).isBefore(due.certificate().getNotAfter().toInstant());

      TestGateway.await("renewed before expiry and connected with the new certificate", SETTLE,
          () -> {
            String inUse = CoreApi.certificateInUse(gw.id());
            return inUse != null && !inUse.equals(shortLived.serialHex());
          });
      assertThat(Instant.now()).isBefore(shortLived.certificate().getNotAfter().toInstant());
      String renewed = CoreApi.certificateInUse(gw.id());
      assertThat(g.client.credentials().serial()).contains(renewed);
      assertThat(CoreApi.certificatesRenewed()).isEqualTo(renewedBefore + 2);
      // The new certificate and its key (made by the gateway, 0600) replaced the files.
      assertThat(PemFiles.readCertificate(files.certificate()).getSerialNumber().toString(16)).isEqualTo(renewed);
      assertThat(PemFiles.readCertificate(files.certificate()).getNotAfter().toInstant())
          .isAfter(Instant.now().plus(Duration.ofDays(30)));
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(files.key())))
          .isEqualTo("rw-------");
      assertThat(PemFiles.readEcPrivateKey(files.key())).isNotEqualTo(shortLived.privateKey());
      // The interface saw nothing of it: no full re-apply, its peer kept.
      assertThat(g.device.applies()).isEqualTo(applies);
      assertThat(g.device.hasPeer(key(first))).isTrue();
      // The replaced certificate is revoked once the new one is in use, and the renewal is audited.
      TestGateway.await("old certificate revoked", SETTLE,
          () -> {
            try {
              return sql("SELECT revoked_at FROM gateway_certificate WHERE serial = ?", shortLived.serialHex()) != null;
            } catch (java.sql.SQLException e) {
              throw new IllegalStateException(e);
            }
          });
      assertThat(sql("SELECT replaces FROM gateway_certificate WHERE serial = ?", renewed))
          .isEqualTo(shortLived.serialHex());
      assertThat(serverLog())
          .contains("Certificate " + renewed + " issued to gateway " + gw.id())
          .contains("Certificate " + shortLived.serialHex() + " of gateway " + gw.id());

      // Updates keep coming over the new channel, after the old certificate's expiry too.
      JsonPath second = CoreApi.device(user);
      TestGateway.await("device added after the renewal", ONE_SECOND, () -> g.device.hasPeer(key(second)));
      TestGateway.await("the old certificate expired", SETTLE,
          () -> Instant.now().isAfter(shortLived.certificate().getNotAfter().toInstant()));
      JsonPath third = CoreApi.device(user);
      TestGateway.await("device added after the old certificate expired", ONE_SECOND,
          () -> g.device.hasPeer(key(third)));
      assertThat(g.device.applies()).isEqualTo(applies + 2);
    }
    // A fresh start of the gateway reads the renewed files from disk and is served.
    try (TestGateway again = new TestGateway(gw.token(), files, false)) {
      TestGateway.await("restarted gateway served with the renewed files", SETTLE,
          () -> again.client.state() == ControlClient.State.SYNCHRONIZED);
    }
  }

  @Test
  void renewalRequestsForAnotherGatewayOrWithARevokedCertificateAreRefusedLoggedAndCounted() throws Exception {
    Path dir = Files.createTempDirectory("control-it-renew-refused");
    CoreApi.Gateway gw = CoreApi.gateway(CoreApi.location(47));
    CoreApi.Gateway foreign = CoreApi.gateway(CoreApi.location(48));
    CoreApi.Credentials own = CoreApi.certificate(gw.id(), dir.resolve("own"));
    CoreApi.Credentials foreignCert = CoreApi.certificate(foreign.id(), dir.resolve("foreign"));
    long renewed = CoreApi.certificatesRenewed();

    try (RawControlStream s = new RawControlStream(gw.token(), own)) {
      // A request naming the gateway of another location, on this gateway's own valid stream.
      long mismatch = CoreApi.renewalRefusals("certificate-mismatch");
      s.requestCertificate(1, RawControlStream.csr("CN=portcullis-gateway-" + foreign.id() + ",O=Portcullis"));
      var answer = s.next(SETTLE);
      assertThat(answer.hasCertificateRefused()).isTrue();
      assertThat(answer.getCertificateRefused().getRequestId()).isEqualTo(1);
      assertThat(answer.getCertificateRefused().getCode()).isEqualTo("certificate-mismatch");
      assertThat(CoreApi.renewalRefusals("certificate-mismatch")).isEqualTo(mismatch + 1);

      // Not a certificate request at all.
      long bad = CoreApi.renewalRefusals("bad-request");
      s.requestCertificate(2, new byte[] {0x30, 0x03, 0x02, 0x01, 0x00});
      assertThat(s.next(SETTLE).getCertificateRefused().getCode()).isEqualTo("bad-request");
      assertThat(CoreApi.renewalRefusals("bad-request")).isEqualTo(bad + 1);

      // The certificate revoked while its stream stays open (as another core node would do it: its event does
      // not reach this node's streams): the request is checked against the database again and refused.
      long revoked = CoreApi.renewalRefusals("revoked-certificate");
      assertThat(sql("UPDATE gateway_certificate SET revoked_at = now() WHERE serial = ?", own.serial())).isEqualTo(1);
      s.requestCertificate(3, RawControlStream.csr("CN=portcullis-gateway-" + gw.id() + ",O=Portcullis"));
      answer = s.next(SETTLE);
      assertThat(answer.getCertificateRefused().getCode()).isEqualTo("revoked-certificate");
      assertThat(answer.getCertificateRefused().getReason()).contains(own.serial());
      assertThat(CoreApi.renewalRefusals("revoked-certificate")).isEqualTo(revoked + 1);
    }
    assertThat(serverLog())
        .contains("Certificate renewal for gateway " + gw.id())
        .contains("refused: the request names 'CN=portcullis-gateway-" + foreign.id())
        .contains("refused: the presented certificate " + own.serial() + " was revoked (revoked-certificate)");

    // Another location's certificate with this gateway's token: the stream itself is refused, nothing issued.
    long connectMismatch = CoreApi.refusals("certificate-mismatch");
    try (RawControlStream s = new RawControlStream(gw.token(), foreignCert)) {
      s.requestCertificate(4, RawControlStream.csr("CN=portcullis-gateway-" + gw.id() + ",O=Portcullis"));
      assertThat(s.ended.get(60, java.util.concurrent.TimeUnit.SECONDS).getCode())
          .isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED);
      assertThat(s.received).isEmpty();
    }
    assertThat(CoreApi.refusals("certificate-mismatch")).isEqualTo(connectMismatch + 1);
    // And the real gateway with a revoked certificate never gets to ask: refused at connection.
    long connectRevoked = CoreApi.refusals("revoked-certificate");
    try (TestGateway g = new TestGateway(gw.token(), own, false)) {
      TestGateway.await("revoked certificate refused", SETTLE,
          () -> CoreApi.refusals("revoked-certificate") > connectRevoked);
      org.assertj.core.api.Assertions.assertThatThrownBy(g.client::renewCertificate)
          .isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("the stream ended before the core answered")
          .hasMessageContaining("revoked");
      assertThat(g.device.applies()).isZero();
    }
    assertThat(CoreApi.certificatesRenewed()).isEqualTo(renewed);
  }

  @Test
  void handReplacedAndCommandRenewedFilesArePickedUpAndBadOnesIgnored() throws Exception {
    Path dir = Files.createTempDirectory("control-it-replace");
    long location = CoreApi.location(49);
    long user = CoreApi.user();
    JsonPath first = CoreApi.device(user);
    CoreApi.Gateway gw = CoreApi.gateway(location);
    CoreApi.Credentials files = CoreApi.certificate(gw.id(), dir.resolve("gw"));
    try (TestGateway g =
        new TestGateway(gw.token(), files, false, 1, java.util.List.of("--cert-check-interval", "1"))) {
      TestGateway.await("synchronized", SETTLE,
          () -> g.device.hasPeer(key(first)) && files.serial().equals(CoreApi.certificateInUse(gw.id())));
      int applies = g.device.applies();

      // An operator writes a broken certificate: reported, the running credentials stay.
      Files.writeString(files.certificate(), "-----BEGIN CERTIFICATE-----\ngarbage\n-----END CERTIFICATE-----\n");
      Thread.sleep(2_500);
      assertThat(g.client.credentials().serial()).contains(files.serial());
      assertThat(g.client.state()).isEqualTo(ControlClient.State.SYNCHRONIZED);

      // Then a new certificate and key from the core's REST API, copied over the files one after the other.
      CoreApi.Credentials next = CoreApi.certificate(gw.id(), dir.resolve("next"));
      Files.copy(next.certificate(), files.certificate(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(next.key(), files.key(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      TestGateway.await("connected with the replaced certificate", SETTLE,
          () -> next.serial().equals(CoreApi.certificateInUse(gw.id())));
      assertThat(g.client.credentials().serial()).contains(next.serial());
      assertThat(g.device.applies()).isEqualTo(applies);
      JsonPath second = CoreApi.device(user);
      TestGateway.await("device added after the reload", ONE_SECOND, () -> g.device.hasPeer(key(second)));

      // `portcullis-gateway renew-certificate` with the same settings, run beside the gateway: a stream of its
      // own, the files replaced; the running gateway picks them up like any replacement.
      int exit =
          io.portcullis.gateway.control.GatewayDaemon.renewCertificate(
              java.util.List.of(
                  "--grpc-url", "https://127.0.0.1:" + System.getProperty("portcullis.it.grpcPort", "15055"),
                  "--token", gw.token(), "--grpc-ca", files.ca().toString(),
                  "--grpc-cert", files.certificate().toString(), "--grpc-key", files.key().toString()),
              java.util.Map.of("PORTCULLIS_CONFIG", "/dev/null"));
      assertThat(exit).isZero();
      String renewed = PemFiles.readCertificate(files.certificate()).getSerialNumber().toString(16);
      assertThat(renewed).isNotEqualTo(next.serial());
      TestGateway.await("connected with the certificate the command renewed", SETTLE,
          () -> renewed.equals(CoreApi.certificateInUse(gw.id())));
      assertThat(g.device.applies()).isEqualTo(applies + 1);
      TestGateway.await("the certificate it replaced revoked", SETTLE, () -> {
        try {
          return sql("SELECT revoked_at FROM gateway_certificate WHERE serial = ?", next.serial()) != null;
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
    }
  }

  /** The log of the WildFly the ITs run against. */
  private static String serverLog() throws java.io.IOException {
    return Files.readString(Path.of(System.getProperty("portcullis.it.serverDir"), "log", "server.log"));
  }
}
