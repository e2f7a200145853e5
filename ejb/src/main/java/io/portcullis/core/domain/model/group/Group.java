package io.portcullis.core.domain.model.group;

import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.user.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** A set of users; locations name the groups allowed to use them. Equal when persisted with the same id. */
@Entity(name = "UserGroup")
@Table(name = "user_group")
public class Group {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @Column(name = "name", nullable = false, length = 64)
  private String name;

  @Column(name = "description")
  private String description;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  @ManyToMany(mappedBy = "groups")
  private Set<User> members = new HashSet<>();

  protected Group() {}

  public Group(Name name, String description, Instant createdAt) {
    this.name = name.value();
    this.description = description;
    this.createdAt = createdAt;
  }

  public Long id() {
    return id;
  }

  public Name name() {
    return Name.of(name);
  }

  public void rename(Name newName) {
    this.name = newName.value();
  }

  public String description() {
    return description;
  }

  public void describe(String text) {
    this.description = text;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** The members (the inverse side; change memberships through {@link User#setGroups}). */
  public Set<User> members() {
    return members;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Group other && id != null && id.equals(other.id);
  }

  @Override
  public int hashCode() {
    return Group.class.hashCode();
  }

  @Override
  public String toString() {
    return "Group[" + id + ", " + name + "]";
  }
}
