package io.portcullis.core.domain.model.user;

import io.portcullis.core.domain.model.group.Group;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * A person who may own devices: a local record linked to the identity provider's user through
 * {@code externalId}. Equal when both are persisted with the same id.
 */
@Entity
@Table(name = "portcullis_user")
public class User {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @Column(name = "username", nullable = false, length = 64)
  private String username;

  @Column(name = "email", length = 254)
  private String email;

  @Column(name = "first_name", length = 100)
  private String firstName;

  @Column(name = "last_name", length = 100)
  private String lastName;

  @Column(name = "enabled", nullable = false)
  private boolean enabled = true;

  @Column(name = "admin", nullable = false)
  private boolean admin;

  @Column(name = "external_id")
  private String externalId;

  @Column(name = "source", nullable = false, length = 16)
  private String source = UserSource.LOCAL.column();

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  @ManyToMany
  @JoinTable(
      name = "user_group_member",
      joinColumns = @JoinColumn(name = "user_id"),
      inverseJoinColumns = @JoinColumn(name = "group_id"))
  private Set<Group> groups = new HashSet<>();

  protected User() {}

  public User(Username username, Instant createdAt) {
    this.username = username.value();
    this.createdAt = createdAt;
  }

  public Long id() {
    return id;
  }

  public Username username() {
    return Username.of(username);
  }

  public void rename(Username newName) {
    this.username = newName.value();
  }

  public EmailAddress email() {
    return email == null ? null : EmailAddress.of(email);
  }

  public void setEmail(EmailAddress email) {
    this.email = email == null ? null : email.value();
  }

  public String firstName() {
    return firstName;
  }

  public String lastName() {
    return lastName;
  }

  public void setNames(String first, String last) {
    this.firstName = first;
    this.lastName = last;
  }

  public boolean enabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean admin() {
    return admin;
  }

  public void setAdmin(boolean admin) {
    this.admin = admin;
  }

  /** The user's id at the identity provider (Keycloak's user id), or null while not linked. */
  public String externalId() {
    return externalId;
  }

  /** Where the record came from; what came from the identity provider is kept in step with it. */
  public UserSource source() {
    return UserSource.ofColumn(source);
  }

  /** Links the record to the identity provider's user {@code id}. */
  public void link(String id, UserSource from) {
    this.externalId = id;
    this.source = from.column();
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** The groups the user belongs to (live view). */
  public Set<Group> groups() {
    return groups;
  }

  /** Replaces the memberships. */
  public void setGroups(Collection<Group> newGroups) {
    groups.clear();
    groups.addAll(newGroups);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof User other && id != null && id.equals(other.id);
  }

  @Override
  public int hashCode() {
    return User.class.hashCode();
  }

  @Override
  public String toString() {
    return "User[" + id + ", " + username + "]";
  }
}
