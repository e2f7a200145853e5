package io.portcullis.core.domain.model.gateway;

import io.portcullis.core.domain.model.location.Location;
import io.portcullis.core.domain.model.shared.Name;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A gateway process serving a location; it authenticates with a token of which only the SHA-256 hash is
 * kept. Equal when persisted with the same id.
 */
@Entity
@Table(name = "gateway")
public class Gateway {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "location_id", nullable = false)
  private Location location;

  @Column(name = "name", nullable = false, length = 64)
  private String name;

  @Column(name = "token_hash", nullable = false, length = 64)
  private String tokenHash;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "last_seen_at")
  private Instant lastSeenAt;

  @Column(name = "token_revoked_at")
  private Instant tokenRevokedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected Gateway() {}

  public Gateway(Location location, Name name, String tokenHash, Instant createdAt) {
    this.location = location;
    this.name = name.value();
    this.tokenHash = tokenHash;
    this.createdAt = createdAt;
  }

  public Long id() {
    return id;
  }

  public Location location() {
    return location;
  }

  public Name name() {
    return Name.of(name);
  }

  public void rename(Name newName) {
    this.name = newName.value();
  }

  /** Hex SHA-256 of the token. */
  public String tokenHash() {
    return tokenHash;
  }

  /** When the token was revoked; null while it is valid. */
  public Instant tokenRevokedAt() {
    return tokenRevokedAt;
  }

  /** Makes the current token invalid; the gateway cannot connect until it gets a new one. */
  public void revokeToken(Instant at) {
    this.tokenRevokedAt = at;
  }

  /** Replaces the token (the old one stops working) and clears a revocation. */
  public void replaceToken(String newTokenHash) {
    this.tokenHash = newTokenHash;
    this.tokenRevokedAt = null;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** When the gateway last connected; null until gateways connect (a later release). */
  public Instant lastSeenAt() {
    return lastSeenAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Gateway other && id != null && id.equals(other.id);
  }

  @Override
  public int hashCode() {
    return Gateway.class.hashCode();
  }

  @Override
  public String toString() {
    return "Gateway[" + id + ", " + name + "]";
  }
}
