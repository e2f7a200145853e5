package io.portcullis.core.domain.model.token;

import io.portcullis.core.domain.model.user.User;
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

/** A personal API token: named, expiring, revocable, used with its owner's rights. */
@Entity
@Table(name = "api_token")
public class ApiToken {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "user_id", nullable = false, updatable = false)
  private User owner;

  @Column(name = "name", nullable = false, length = 64, updatable = false)
  private String name;

  @Column(name = "token_hash", nullable = false, length = 64, updatable = false)
  private String tokenHash;

  @Column(name = "prefix", nullable = false, length = 12, updatable = false)
  private String prefix;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false, updatable = false)
  private Instant expiresAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected ApiToken() {}

  public ApiToken(User owner, String name, ApiTokenSecret secret, Instant createdAt, Instant expiresAt) {
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("a token must expire after it is created");
    }
    this.owner = owner;
    this.name = name;
    this.tokenHash = secret.hash();
    this.prefix = secret.shownPrefix();
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  public Long id() {
    return id;
  }

  public User owner() {
    return owner;
  }

  public String name() {
    return name;
  }

  public String prefix() {
    return prefix;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public Instant lastUsedAt() {
    return lastUsedAt;
  }

  public Instant revokedAt() {
    return revokedAt;
  }

  /** Whether the token may be used at {@code now}. */
  public boolean usableAt(Instant now) {
    return revokedAt == null && now.isBefore(expiresAt);
  }

  /** Records a use; writes at most once per {@code granularity} seconds to spare the database. */
  public void markUsed(Instant now, long granularitySeconds) {
    if (lastUsedAt == null || lastUsedAt.plusSeconds(granularitySeconds).isBefore(now)) {
      lastUsedAt = now;
    }
  }

  public void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiToken other && id != null && id.equals(other.id);
  }

  @Override
  public int hashCode() {
    return ApiToken.class.hashCode();
  }

  @Override
  public String toString() {
    return "ApiToken[" + id + ", " + name + ", " + prefix + "...]";
  }
}
