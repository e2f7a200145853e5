package io.portcullis.core.infrastructure.control;

import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.ConflictException;
import io.portcullis.core.application.CreatedGateway;
import io.portcullis.core.application.GatewayCredentialService;
import io.portcullis.core.application.GatewayView;
import io.portcullis.core.application.IssuedGatewayCertificate;
import io.portcullis.core.application.UnknownObjectException;
import io.portcullis.core.application.internal.AuditTrail;
import io.portcullis.core.domain.model.audit.AuditAction;
import io.portcullis.core.domain.model.gateway.Gateway;
import io.portcullis.core.domain.model.gateway.GatewayToken;
import io.portcullis.core.infrastructure.pki.GatewayCertificates;
import io.portcullis.core.infrastructure.pki.IssuedCertificate;
import io.portcullis.core.infrastructure.pki.PemFiles;
import io.portcullis.core.application.security.AdminOnly;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/** Tokens and client certificates of gateways; revocations end open streams after the commit. */
@Stateless
@AdminOnly
public class DefaultGatewayCredentialService implements GatewayCredentialService {
  private static final String OBJECT_TYPE = "gateway-credentials";

  @PersistenceContext(unitName = "portcullis")
  private EntityManager em;

  @EJB private ControlServer server;
  @EJB private AuditTrail audit;
  @Inject private Event<GatewayAccessRevoked> revocations;

  @Override
  public CreatedGateway rotateToken(long gatewayId) throws UnknownObjectException {
    Gateway gateway = find(gatewayId);
    GatewayToken token = GatewayToken.generate();
    gateway.replaceToken(token.hash());
    audit.record(AuditAction.UPDATE, OBJECT_TYPE, gatewayId, gateway.name().value(), null, Map.of("token", "replaced"));
    revocations.fire(new GatewayAccessRevoked(gatewayId, "its token was replaced"));
    GatewayView view =
        new GatewayView(
            gateway.id(), gateway.location().id(), gateway.location().name().value(), gateway.name().value(),
            gateway.createdAt(), gateway.lastSeenAt());
    return new CreatedGateway(view, token.value());
  }

  @Override
  public void revokeToken(long gatewayId) throws UnknownObjectException {
    Gateway gateway = find(gatewayId);
    if (gateway.tokenRevokedAt() == null) {
      gateway.revokeToken(Instant.now());
      audit.record(AuditAction.UPDATE, OBJECT_TYPE, gatewayId, gateway.name().value(), null, Map.of("token", "revoked"));
    }
    revocations.fire(new GatewayAccessRevoked(gatewayId, "its token was revoked"));
  }

  @Override
  public IssuedGatewayCertificate issueCertificate(long gatewayId) throws BusinessException {
    Gateway gateway = find(gatewayId);
    GatewayCertificates certificates = requireInternalCa();
    IssuedCertificate issued;
    try {
      issued = certificates.issueGateway(gatewayId);
    } catch (IOException e) {
      throw new IllegalStateException("the internal CA failed: " + e.getMessage(), e);
    }
    Instant notAfter = issued.certificate().getNotAfter().toInstant();
    em.createNativeQuery(
            "INSERT INTO gateway_certificate (serial, gateway_id, issued_at, not_after) VALUES (?1, ?2, ?3, ?4)")
        .setParameter(1, issued.serialHex())
        .setParameter(2, gatewayId)
        .setParameter(3, Instant.now())
        .setParameter(4, notAfter)
        .executeUpdate();
    audit.record(
        AuditAction.CREATE, OBJECT_TYPE, gatewayId, gateway.name().value(), null,
        Map.of("certificate", issued.serialHex(), "notAfter", notAfter.toString()));
    return new IssuedGatewayCertificate(
        gatewayId,
        issued.serialHex(),
        notAfter,
        PemFiles.certificate(issued.certificate()),
        PemFiles.privateKey(issued.privateKey()),
        PemFiles.certificate(issued.authority()));
  }

  @Override
  public String authorityCertificate() throws BusinessException {
    return PemFiles.certificate(requireInternalCa().authority());
  }

  @Override
  public void revokeCertificate(long gatewayId, String serial) throws UnknownObjectException {
    int updated =
        em.createNativeQuery(
                "UPDATE gateway_certificate SET revoked_at = ?3 WHERE serial = ?1 AND gateway_id = ?2"
                    + " AND revoked_at IS NULL")
            .setParameter(1, serial.toLowerCase(java.util.Locale.ROOT))
            .setParameter(2, gatewayId)
            .setParameter(3, Instant.now())
            .executeUpdate();
    if (updated == 0) {
      throw new UnknownObjectException("Gateway " + gatewayId + " has no valid certificate " + serial);
    }
    String hex = serial.toLowerCase(java.util.Locale.ROOT);
    audit.record(
        AuditAction.UPDATE, OBJECT_TYPE, gatewayId, find(gatewayId).name().value(), null, Map.of("certificate", hex, "revoked", "by an administrator"));
    revocations.fire(new GatewayAccessRevoked(gatewayId, "its certificate " + hex + " was revoked", hex));
  }

  private GatewayCertificates requireInternalCa() throws ConflictException {
    GatewayCertificates certificates = server.certificates();
    if (certificates == null) {
      throw new ConflictException(
          "no-internal-ca", "The control channel does not use the internal CA (portcullis.grpc.tls=internal-ca)");
    }
    return certificates;
  }

  private Gateway find(long id) throws UnknownObjectException {
    Gateway gateway = em.find(Gateway.class, id);
    if (gateway == null) {
      throw new UnknownObjectException("Gateway", id);
    }
    return gateway;
  }
}
