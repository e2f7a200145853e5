package io.portcullis.core.infrastructure.control;

import io.portcullis.core.application.internal.AuditTrail;
import io.portcullis.core.domain.model.audit.AuditAction;
import io.portcullis.core.domain.model.gateway.Gateway;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The control channel's view of the gateways in the database: token look-up, certificate revocation, and the
 * connection status rows it keeps up to date. Each method is its own transaction.
 */
@Stateless
public class GatewayDirectory {

  private static final String AUDIT_TYPE = "gateway-credentials";

  @PersistenceContext(unitName = "portcullis")
  private EntityManager em;

  @EJB private AuditTrail audit;

  /** The gateway whose token hashes to {@code tokenHash}, or why there is none. */
  public Lookup authenticate(String tokenHash) {
    Optional<Gateway> found =
        em.createQuery("select g from Gateway g join fetch g.location where g.tokenHash = :hash", Gateway.class)
            .setParameter("hash", tokenHash)
            .getResultStream()
            .findFirst();
    if (found.isEmpty()) {
      return new Lookup(null, Refusal.UNKNOWN_TOKEN);
    }
    Gateway g = found.get();
    GatewayIdentity identity =
        new GatewayIdentity(g.id(), g.name().value(), g.location().id(), g.location().name().value(), tokenHash);
    return g.tokenRevokedAt() != null ? new Lookup(identity, Refusal.REVOKED_TOKEN) : new Lookup(identity, null);
  }

  /** The outcome of {@link #authenticate}: the identity (also of a revoked token) and the refusal, if any. */
  public record Lookup(GatewayIdentity identity, Refusal refusal) {}

  /** Of {@code gateways}, those that still exist with the same, unrevoked token. */
  public Set<Long> stillValid(Collection<GatewayIdentity> gateways) {
    Set<Long> valid = new HashSet<>();
    if (gateways.isEmpty()) {
      return valid;
    }
    List<Object[]> rows =
        em.createQuery(
                "select g.id, g.tokenHash from Gateway g where g.id in :ids and g.tokenRevokedAt is null",
                Object[].class)
            .setParameter("ids", gateways.stream().map(GatewayIdentity::gatewayId).toList())
            .getResultList();
    for (Object[] row : rows) {
      for (GatewayIdentity g : gateways) {
        if (g.gatewayId() == (Long) row[0] && g.tokenHash().equals(row[1])) {
          valid.add(g.gatewayId());
        }
      }
    }
    return valid;
  }

  /** Whether the certificate of {@code serial} (hex) was issued to {@code gatewayId} and is not revoked. */
  public Optional<Refusal> checkCertificate(String serial, long gatewayId) {
    List<Object[]> rows =
        em.createNativeQuery("SELECT gateway_id, revoked_at FROM gateway_certificate WHERE serial = ?1", Object[].class)
            .setParameter(1, serial)
            .getResultList();
    if (rows.isEmpty()) {
      // Not issued by this core's registry (e.g. a file-based CA): the subject check already bound it.
      return Optional.empty();
    }
    Object[] row = rows.get(0);
    if (((Number) row[0]).longValue() != gatewayId) {
      return Optional.of(Refusal.CERTIFICATE_MISMATCH);
    }
    return row[1] == null ? Optional.empty() : Optional.of(Refusal.REVOKED_CERTIFICATE);
  }

  /**
   * Records a certificate issued by renewal, as replacing the presented one, and audits it. The presented one
   * is registered too if it was not (issued before serials were recorded, or through the CA's API), so that it
   * can be revoked by serial.
   */
  public void recordRenewal(
      GatewayIdentity gateway, String serial, Instant issuedAt, Instant notAfter, String replaces,
      Instant replacedNotBefore, Instant replacedNotAfter) {
    em.createNativeQuery(
            """
            INSERT INTO gateway_certificate (serial, gateway_id, issued_at, not_after) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (serial) DO NOTHING
            """)
        .setParameter(1, replaces)
        .setParameter(2, gateway.gatewayId())
        .setParameter(3, replacedNotBefore)
        .setParameter(4, replacedNotAfter)
        .executeUpdate();
    em.createNativeQuery(
            "INSERT INTO gateway_certificate (serial, gateway_id, issued_at, not_after, replaces)"
                + " VALUES (?1, ?2, ?3, ?4, ?5)")
        .setParameter(1, serial)
        .setParameter(2, gateway.gatewayId())
        .setParameter(3, issuedAt)
        .setParameter(4, notAfter)
        .setParameter(5, replaces)
        .executeUpdate();
    audit.record(
        AuditAction.CREATE, AUDIT_TYPE, gateway.gatewayId(), gateway.gatewayName(), null,
        Map.of("certificate", serial, "notAfter", notAfter.toString(), "replaces", replaces,
            "by", "renewal over the control channel"));
  }

  /**
   * Notes that the gateway connected with the certificate {@code serial}. The first time a renewed certificate
   * is used, the one it replaces is revoked (the switch worked, so the old key is no longer needed) and the
   * revocation audited.
   *
   * @return the serial revoked now, if any
   */
  public Optional<String> certificateInUse(long gatewayId, String serial, Instant at) {
    @SuppressWarnings("unchecked")
    List<Object> replaced =
        em.createNativeQuery(
                "UPDATE gateway_certificate SET first_used_at = ?3 WHERE serial = ?1 AND gateway_id = ?2"
                    + " AND first_used_at IS NULL RETURNING replaces")
            .setParameter(1, serial)
            .setParameter(2, gatewayId)
            .setParameter(3, at)
            .getResultList();
    if (replaced.isEmpty() || replaced.get(0) == null) {
      return Optional.empty();
    }
    String old = (String) replaced.get(0);
    int revoked =
        em.createNativeQuery(
                "UPDATE gateway_certificate SET revoked_at = ?3 WHERE serial = ?1 AND gateway_id = ?2"
                    + " AND revoked_at IS NULL")
            .setParameter(1, old)
            .setParameter(2, gatewayId)
            .setParameter(3, at)
            .executeUpdate();
    if (revoked == 0) {
      return Optional.empty();
    }
    Gateway gateway = em.find(Gateway.class, gatewayId);
    audit.record(
        AuditAction.UPDATE, AUDIT_TYPE, gatewayId, gateway == null ? null : gateway.name().value(), null,
        Map.of("certificate", old, "revoked", "superseded by " + serial));
    return Optional.of(old);
  }

  /** Records a new stream of the gateway. */
  public void connected(
      long gatewayId, Instant at, String version, String hostname, String remoteAddress, String mode) {
    em.createNativeQuery(
            """
            INSERT INTO gateway_connection (gateway_id, connected, connected_since, disconnected_at, last_seen_at,
                                            version, hostname, remote_address, mode, applied_revision)
            VALUES (?1, TRUE, ?2, NULL, ?2, ?3, ?4, ?5, ?6, 0)
            ON CONFLICT (gateway_id) DO UPDATE SET connected = TRUE, connected_since = ?2, disconnected_at = NULL,
                last_seen_at = ?2, version = ?3, hostname = ?4, remote_address = ?5, mode = ?6, applied_revision = 0
            """)
        .setParameter(1, gatewayId)
        .setParameter(2, at)
        .setParameter(3, truncate(version, 64))
        .setParameter(4, truncate(hostname, 253))
        .setParameter(5, truncate(remoteAddress, 128))
        .setParameter(6, mode)
        .executeUpdate();
    em.createQuery("update Gateway g set g.lastSeenAt = :at where g.id = :id")
        .setParameter("at", at)
        .setParameter("id", gatewayId)
        .executeUpdate();
  }

  /** Records that the gateway was heard from and which revision it runs. */
  public void seen(long gatewayId, Instant at, long appliedRevision) {
    em.createNativeQuery(
            "UPDATE gateway_connection SET last_seen_at = ?2, applied_revision = ?3 WHERE gateway_id = ?1")
        .setParameter(1, gatewayId)
        .setParameter(2, at)
        .setParameter(3, appliedRevision)
        .executeUpdate();
    em.createQuery("update Gateway g set g.lastSeenAt = :at where g.id = :id")
        .setParameter("at", at)
        .setParameter("id", gatewayId)
        .executeUpdate();
  }

  /** Records the end of the gateway's stream. */
  public void disconnected(long gatewayId, Instant at) {
    em.createNativeQuery(
            "UPDATE gateway_connection SET connected = FALSE, disconnected_at = ?2 WHERE gateway_id = ?1")
        .setParameter(1, gatewayId)
        .setParameter(2, at)
        .executeUpdate();
  }

  /** Marks every gateway disconnected: at startup, since no stream survives a restart of the core. */
  public void allDisconnected(Instant at) {
    em.createNativeQuery(
            "UPDATE gateway_connection SET connected = FALSE, disconnected_at = ?1 WHERE connected")
        .setParameter(1, at)
        .executeUpdate();
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
