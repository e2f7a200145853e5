package io.portcullis.core.application;

/**
 * A change to the settings as the API and the pages receive it, section by section; a null section stays as it
 * is. Text is taken as typed: {@link SettingsRules} checks it, blank means "not set". Passwords are write-only: a
 * null password keeps the stored one, an empty one removes it, any other text replaces it.
 */
public record SettingsDraft(Instance instance, Identity identity, Smtp smtp, Ldap ldap) {

  /** The instance: its name in pages and mails; blank: the server's default. */
  public record Instance(String name) {}

  /** Identity: the group whose members are administrators; blank: the server's default. */
  public record Identity(String adminGroup) {}

  /** The SMTP server mail goes through; a blank host turns mail off. */
  public record Smtp(String host, Integer port, String security, String username, String password, String from) {}

  /** The LDAP directory; a blank URL turns LDAP off. */
  public record Ldap(
      String url,
      String bindDn,
      String bindPassword,
      String userBaseDn,
      String userFilter,
      String usernameAttribute,
      String groupBaseDn,
      String groupFilter) {}
}
