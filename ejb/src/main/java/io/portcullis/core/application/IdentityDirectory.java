package io.portcullis.core.application;

import java.util.List;
import java.util.Set;

/**
 * The identity provider's user directory (Keycloak's admin API), as the core provisions and reads it. When
 * provisioning is not configured, {@link #enabled()} is false and nothing is called.
 */
public interface IdentityDirectory {

  /**
   * A person as the directory knows them; {@code groups} are group names; {@code adminRole} says whether they hold
   * the {@code admin} realm role directly (through a group it shows in {@code groups}).
   */
  record DirectoryUser(
      String id, String username, String email, String firstName, String lastName, boolean enabled, Set<String> groups,
      boolean adminRole) {}

  boolean enabled();

  /**
   * Links or creates the person: found by username, else by e-mail; created otherwise, with the required action
   * to set a password at first login. Answers the directory's id.
   */
  String provision(String username, String email, String firstName, String lastName, boolean enabled);

  void setEnabled(String id, boolean enabled);

  /**
   * Gives the account the username, e-mail and names it has here (a person created here and provisioned there).
   * False when the directory refuses because another account has that username or e-mail; an account that no
   * longer exists there is left alone (true).
   *
   * @throws IllegalArgumentException when the directory refuses the values themselves (its words as the message),
   *     e.g. a realm that does not allow renaming accounts
   */
  boolean updateProfile(String id, String username, String email, String firstName, String lastName);

  /** Deletes the person; a person already gone is not an error. */
  void delete(String id);

  /** Every person with their group names. */
  List<DirectoryUser> users();

  /** Every group name (top-level and nested, by name). */
  List<String> groups();
}
