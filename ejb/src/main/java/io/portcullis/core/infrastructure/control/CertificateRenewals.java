package io.portcullis.core.infrastructure.control;

import io.portcullis.core.infrastructure.pki.GatewayCertificates;
import io.portcullis.core.infrastructure.pki.IssuedCertificate;
import io.portcullis.core.infrastructure.pki.PemFiles;
import io.portcullis.proto.gateway.v1.CertificateIssued;
import io.portcullis.proto.gateway.v1.CertificateRefused;
import io.portcullis.proto.gateway.v1.CertificateRequest;
import io.portcullis.proto.gateway.v1.CoreMessage;
import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.jboss.logging.Logger;

/**
 * Renews gateways' client certificates on request over their authenticated stream: checks that the request
 * comes from the gateway itself (mutual TLS with its current certificate from the internal CA, still valid and
 * not revoked, and a token still valid — all checked again now, since a stream may outlive a revocation made on
 * another node), verifies the PKCS#10 request (its signature proves the gateway holds the new key), issues the
 * certificate on the gateway's key, records the serial as the one that replaces the presented one, and audits it.
 * A refusal is answered, logged once with the gateway and the reason, and counted.
 *
 * <p>Runs on the server's executor, on the thread delivering the stream's messages; blocks for the database.
 */
final class CertificateRenewals {
  private static final Logger LOG = Logger.getLogger(CertificateRenewals.class);
  private static final Duration MINIMUM_INTERVAL = Duration.ofMinutes(1);
  private static final ECParameterSpec P256 = p256();

  private final GatewayCertificates certificates;
  private final GatewayDirectory directory;
  private final ControlCounters counters;
  private final Clock clock;
  private final Map<Long, Instant> lastIssued = new ConcurrentHashMap<>();

  /** With {@code certificates} null when the channel does not run the internal CA (every request is refused). */
  CertificateRenewals(GatewayCertificates certificates, GatewayDirectory directory, ControlCounters counters, Clock clock) {
    this.certificates = certificates;
    this.directory = directory;
    this.counters = counters;
    this.clock = clock;
  }

  /**
   * The answer to {@code request} from {@code gateway}, which presented {@code presented} (null without mTLS);
   * never throws: a failure of the core (its database) is answered as such and the stream stays open.
   */
  CoreMessage answer(GatewayIdentity gateway, X509Certificate presented, String remote, CertificateRequest request) {
    try {
      return renew(gateway, presented, remote, request);
    } catch (RuntimeException e) {
      LOG.errorf("Certificate renewal for %s from %s failed in the core: %s", gateway, remote, e.toString());
      return CoreMessage.newBuilder()
          .setCertificateRefused(
              CertificateRefused.newBuilder()
                  .setRequestId(request.getRequestId())
                  .setCode("core-failure")
                  .setReason("the core could not issue a certificate now; try again later"))
          .build();
    }
  }

  private CoreMessage renew(GatewayIdentity gateway, X509Certificate presented, String remote, CertificateRequest request) {
    long id = request.getRequestId();
    Instant now = clock.instant();
    if (certificates == null) {
      return refuse(gateway, remote, id, RenewalRefusal.NO_INTERNAL_CA,
          "the core does not run the internal CA (portcullis.grpc.tls=internal-ca): renew through your own CA");
    }
    if (presented == null) {
      return refuse(gateway, remote, id, RenewalRefusal.MISSING_CERTIFICATE,
          "renewal needs mutual TLS with the gateway's current client certificate");
    }
    if (!certificates.signedByUs(presented)) {
      return refuse(gateway, remote, id, RenewalRefusal.UNTRUSTED_CERTIFICATE,
          "the presented certificate is not from the core's CA");
    }
    OptionalLong certified = GatewayCertificates.gatewayIdOf(presented);
    if (certified.isEmpty() || certified.getAsLong() != gateway.gatewayId()) {
      return refuse(gateway, remote, id, RenewalRefusal.CERTIFICATE_MISMATCH,
          "the presented certificate belongs to " + (certified.isEmpty() ? "no gateway" : "gateway " + certified.getAsLong()));
    }
    if (!now.isBefore(presented.getNotAfter().toInstant())) {
      return refuse(gateway, remote, id, RenewalRefusal.EXPIRED_CERTIFICATE,
          "the presented certificate expired on " + presented.getNotAfter().toInstant());
    }
    String serial = presented.getSerialNumber().toString(16);
    if (directory.stillValid(Set.of(gateway)).isEmpty()) {
      return refuse(gateway, remote, id, RenewalRefusal.REVOKED_TOKEN, "the gateway's token was revoked or replaced");
    }
    Optional<Refusal> certificateState = directory.checkCertificate(serial, gateway.gatewayId());
    if (certificateState.isPresent()) {
      return certificateState.get() == Refusal.REVOKED_CERTIFICATE
          ? refuse(gateway, remote, id, RenewalRefusal.REVOKED_CERTIFICATE, "the presented certificate " + serial + " was revoked")
          : refuse(gateway, remote, id, RenewalRefusal.CERTIFICATE_MISMATCH,
              "the presented certificate " + serial + " was issued to another gateway");
    }
    PublicKey key;
    try {
      key = verifiedKey(request.getCsr().toByteArray(), gateway.gatewayId(), presented);
    } catch (Refused r) {
      return refuse(gateway, remote, id, r.reason, r.getMessage());
    }
    Instant previous = lastIssued.get(gateway.gatewayId());
    if (previous != null && now.isBefore(previous.plus(MINIMUM_INTERVAL))) {
      return refuse(gateway, remote, id, RenewalRefusal.TOO_FREQUENT,
          "a certificate was issued to this gateway at " + previous + "; try again after "
              + previous.plus(MINIMUM_INTERVAL));
    }
    IssuedCertificate issued;
    try {
      issued = certificates.renewGateway(gateway.gatewayId(), key);
    } catch (IOException e) {
      LOG.errorf("The internal CA failed to renew the certificate of %s: %s", gateway, e.toString());
      return refuse(gateway, remote, id, RenewalRefusal.BAD_REQUEST, "the core's CA failed: " + e.getMessage());
    }
    Instant notAfter = issued.certificate().getNotAfter().toInstant();
    directory.recordRenewal(gateway, issued.serialHex(), now, notAfter, serial,
        presented.getNotBefore().toInstant(), presented.getNotAfter().toInstant());
    lastIssued.put(gateway.gatewayId(), now);
    counters.certificateRenewed();
    LOG.infof(
        "Certificate %s issued to %s from %s by renewal over the control channel, replacing %s, valid until %s",
        issued.serialHex(), gateway, remote, serial, notAfter);
    return CoreMessage.newBuilder()
        .setCertificateIssued(
            CertificateIssued.newBuilder()
                .setRequestId(id)
                .setCertificatePem(PemFiles.certificate(issued.certificate()))
                .setCaPem(PemFiles.certificate(issued.authority()))
                .setSerial(issued.serialHex())
                .setNotAfter(
                    com.google.protobuf.Timestamp.newBuilder()
                        .setSeconds(notAfter.getEpochSecond())
                        .setNanos(notAfter.getNano())))
        .build();
  }

  /** The request's public key once it is a P-256 key, signed by itself, for this gateway and not the old one. */
  private static PublicKey verifiedKey(byte[] der, long gatewayId, X509Certificate presented) throws Refused {
    JcaPKCS10CertificationRequest csr;
    PublicKey key;
    try {
      csr = new JcaPKCS10CertificationRequest(der);
      key = csr.getPublicKey();
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new Refused(RenewalRefusal.BAD_REQUEST, "not a PKCS#10 certificate request: " + e.getMessage());
    }
    if (!(key instanceof ECPublicKey ec) || !sameCurve(ec.getParams(), P256)) {
      throw new Refused(RenewalRefusal.BAD_REQUEST, "the request's key is not ECDSA P-256 (" + key.getAlgorithm() + ")");
    }
    try {
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
        throw new Refused(RenewalRefusal.BAD_REQUEST, "the request's signature does not verify with its key");
      }
    } catch (OperatorCreationException | PKCSException e) {
      throw new Refused(RenewalRefusal.BAD_REQUEST, "the request's signature cannot be checked: " + e.getMessage());
    }
    X500Principal subject;
    try {
      subject = new X500Principal(csr.getSubject().getEncoded());
    } catch (IOException e) {
      throw new Refused(RenewalRefusal.BAD_REQUEST, "the request's subject is malformed");
    }
    if (!subject.getName().isEmpty()) {
      OptionalLong named = GatewayCertificates.gatewayIdOf(subject);
      if (named.isEmpty() || named.getAsLong() != gatewayId) {
        throw new Refused(
            RenewalRefusal.CERTIFICATE_MISMATCH,
            "the request names '" + subject.getName() + "', not gateway " + gatewayId);
      }
    }
    if (key.equals(presented.getPublicKey())) {
      throw new Refused(RenewalRefusal.BAD_REQUEST, "the request reuses the current certificate's key: make a new key pair");
    }
    return key;
  }

  private CoreMessage refuse(GatewayIdentity gateway, String remote, long requestId, RenewalRefusal reason, String why) {
    counters.renewalRefused(reason);
    LOG.warnf("Certificate renewal for %s from %s refused: %s (%s)", gateway, remote, why, reason.code());
    return CoreMessage.newBuilder()
        .setCertificateRefused(
            CertificateRefused.newBuilder().setRequestId(requestId).setCode(reason.code()).setReason(why))
        .build();
  }

  private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
    return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator()) && a.getOrder().equals(b.getOrder());
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no P-256 parameters in this JDK", e);
    }
  }

  /** A refusal found while reading the request. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final transient RenewalRefusal reason;

    Refused(RenewalRefusal reason, String message) {
      super(message);
      this.reason = reason;
    }
  }
}
