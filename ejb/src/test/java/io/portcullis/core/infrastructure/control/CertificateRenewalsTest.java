package io.portcullis.core.infrastructure.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.portcullis.core.infrastructure.pki.GatewayCertificates;
import io.portcullis.core.infrastructure.pki.IssuedCertificate;
import io.portcullis.core.infrastructure.pki.InternalCertificateAuthority;
import io.portcullis.proto.gateway.v1.CertificateRequest;
import io.portcullis.proto.gateway.v1.CoreMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks of a renewal request that need no database: the request itself (key type, signature, subject, a
 * new key), the presented certificate (our CA, this gateway, not expired), the rate limit, and what is issued.
 * The database's part (token, revocation, recording) runs against the real core in GatewayControlIT.
 */
class CertificateRenewalsTest {
  private static final long GATEWAY = 7;
  @TempDir Path dir;

  private final Instant now = Instant.parse("2026-06-01T12:00:00Z");
  private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
  private final GatewayIdentity gateway = new GatewayIdentity(GATEWAY, "gw", 1, "office", "hash");
  private final List<String> recorded = new ArrayList<>();
  private final ControlCounters counters = new ControlCounters();
  private GatewayCertificates certificates;
  private CertificateRenewals renewals;
  private IssuedCertificate current;

  /** The database as a valid gateway with an unrevoked certificate sees it; records what would be stored. */
  private final class ValidGateway extends GatewayDirectory {
    @Override
    public Set<Long> stillValid(Collection<GatewayIdentity> gateways) {
      return Set.of(GATEWAY);
    }

    @Override
    public Optional<Refusal> checkCertificate(String serial, long gatewayId) {
      return Optional.empty();
    }

    @Override
    public void recordRenewal(
        GatewayIdentity g, String serial, Instant issuedAt, Instant notAfter, String replaces, Instant a, Instant b) {
      recorded.add(serial + " replaces " + replaces);
    }
  }

  @BeforeEach
  void ca() throws Exception {
    certificates = GatewayCertificates.open(dir, Duration.ofDays(90), clock);
    renewals = new CertificateRenewals(certificates, new ValidGateway(), counters, clock);
    current = InternalCertificateAuthority.openOrCreate(dir, clock).issueGateway(GATEWAY, Duration.ofDays(90));
  }

  private static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static byte[] csr(String subject, PublicKey key, PrivateKey signer, String algorithm) throws Exception {
    return new JcaPKCS10CertificationRequestBuilder(new X500Principal(subject), key)
        .build(new JcaContentSignerBuilder(algorithm).build(signer))
        .getEncoded();
  }

  private CoreMessage ask(X509Certificate presented, byte[] csr) {
    return renewals.answer(
        gateway, presented, "192.0.2.1:4000",
        CertificateRequest.newBuilder().setRequestId(9).setCsr(ByteString.copyFrom(csr)).build());
  }

  private static String code(CoreMessage m) {
    assertThat(m.hasCertificateRefused()).as("refused: %s", m).isTrue();
    assertThat(m.getCertificateRefused().getRequestId()).isEqualTo(9);
    return m.getCertificateRefused().getCode();
  }

  @Test
  void aValidRequestGetsACertificateOnItsOwnKeyForThisGateway() throws Exception {
    KeyPair next = ec();
    CoreMessage m = ask(current.certificate(), csr("CN=portcullis-gateway-7,O=Portcullis", next.getPublic(), next.getPrivate(), "SHA256withECDSA"));

    assertThat(m.hasCertificateIssued()).as("%s", m).isTrue();
    X509Certificate issued =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(m.getCertificateIssued().getCertificatePem().getBytes(StandardCharsets.US_ASCII)));
    assertThat(issued.getPublicKey()).isEqualTo(next.getPublic());
    assertThat(GatewayCertificates.gatewayIdOf(issued)).hasValue(GATEWAY);
    assertThat(issued.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    issued.verify(certificates.authority().getPublicKey());
    assertThat(issued.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(90)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(m.getCertificateIssued().getSerial()).isEqualTo(issued.getSerialNumber().toString(16));
    assertThat(recorded).containsExactly(issued.getSerialNumber().toString(16) + " replaces " + current.serialHex());
    assertThat(counters.certificatesRenewed()).isEqualTo(1);

    // A second one within the minute is refused.
    KeyPair again = ec();
    assertThat(code(ask(current.certificate(), csr("CN=x", again.getPublic(), again.getPrivate(), "SHA256withECDSA"))))
        .isEqualTo("certificate-mismatch");
    assertThat(code(ask(current.certificate(), csr("", again.getPublic(), again.getPrivate(), "SHA256withECDSA"))))
        .isEqualTo("too-frequent");
  }

  @Test
  void badRequestsAreRefusedAndCounted() throws Exception {
    KeyPair next = ec();
    KeyPair other = ec();
    // Signed by another key than the one it asks for: no proof of possession.
    assertThat(code(ask(current.certificate(), csr("", next.getPublic(), other.getPrivate(), "SHA256withECDSA"))))
        .isEqualTo("bad-request");
    // The current certificate's key again.
    assertThat(code(ask(current.certificate(),
            csr("", current.certificate().getPublicKey(), current.privateKey(), "SHA256withECDSA"))))
        .isEqualTo("bad-request");
    // Not P-256.
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair r = rsa.generateKeyPair();
    assertThat(code(ask(current.certificate(), csr("", r.getPublic(), r.getPrivate(), "SHA256withRSA"))))
        .isEqualTo("bad-request");
    KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
    p384.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair q = p384.generateKeyPair();
    assertThat(code(ask(current.certificate(), csr("", q.getPublic(), q.getPrivate(), "SHA384withECDSA"))))
        .isEqualTo("bad-request");
    // Not DER at all.
    assertThat(code(ask(current.certificate(), new byte[] {1, 2, 3}))).isEqualTo("bad-request");
    assertThat(counters.renewalRefusals().get(RenewalRefusal.BAD_REQUEST)).isEqualTo(5);
    assertThat(recorded).isEmpty();
  }

  @Test
  void thePresentedCertificateMustBeOursThisGatewaysAndCurrent() throws Exception {
    KeyPair next = ec();
    byte[] request = csr("", next.getPublic(), next.getPrivate(), "SHA256withECDSA");
    assertThat(code(ask(null, request))).isEqualTo("missing-certificate");

    IssuedCertificate foreignCa =
        InternalCertificateAuthority.openOrCreate(dir.resolve("other"), clock).issueGateway(GATEWAY, Duration.ofDays(1));
    assertThat(code(ask(foreignCa.certificate(), request))).isEqualTo("untrusted-certificate");

    IssuedCertificate otherGateway =
        InternalCertificateAuthority.openOrCreate(dir, clock).issueGateway(GATEWAY + 1, Duration.ofDays(1));
    assertThat(code(ask(otherGateway.certificate(), request))).isEqualTo("certificate-mismatch");

    IssuedCertificate expired =
        InternalCertificateAuthority.openOrCreate(dir, clock)
            .issueGateway(GATEWAY, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
    assertThat(code(ask(expired.certificate(), request))).isEqualTo("expired-certificate");

    assertThat(code(new CertificateRenewals(null, new ValidGateway(), counters, clock).answer(
            gateway, current.certificate(), "x",
            CertificateRequest.newBuilder().setRequestId(9).setCsr(ByteString.copyFrom(request)).build())))
        .isEqualTo("no-internal-ca");
    assertThat(recorded).isEmpty();
  }
}
