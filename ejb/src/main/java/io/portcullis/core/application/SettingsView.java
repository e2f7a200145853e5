package io.portcullis.core.application;

import java.time.Instant;

/**
 * The settings as the API and the pages show them: effective values (defaults filled in), secrets only as
 * "is set". {@code updatedAt}/{@code updatedBy} are null until an administrator first saves.
 */
public record SettingsView(
    Instance instance, Identity identity, Smtp smtp, Ldap ldap, Instant updatedAt, String updatedBy) {

  /** {@code nameDefault}: no name is set here, {@code name} is the server's default. */
  public record Instance(String name, boolean nameDefault) {}

  /** {@code adminGroupDefault}: no group is set here, {@code adminGroup} is the server's default. */
  public record Identity(String adminGroup, boolean adminGroupDefault) {}

  /** {@code port} is the effective port (the security mode's usual one when none is set). */
  public record Smtp(
      boolean configured, String host, int port, String security, String username, boolean passwordSet, String from) {}

  public record Ldap(
      boolean configured,
      String url,
      String bindDn,
      boolean bindPasswordSet,
      String userBaseDn,
      String userFilter,
      String usernameAttribute,
      String groupBaseDn,
      String groupFilter) {}
}
