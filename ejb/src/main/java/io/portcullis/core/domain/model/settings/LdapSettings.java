package io.portcullis.core.domain.model.settings;

/**
 * Where the core finds people and groups in an LDAP directory (used by the LDAP sync). {@code url} null means
 * LDAP is off. Unset filters and the username attribute take the defaults of an OpenLDAP directory with
 * inetOrgPerson entries and groupOfNames groups. The bind password is a secret; {@link #toString()} masks it.
 */
public record LdapSettings(
    String url,
    String bindDn,
    String bindPassword,
    String userBaseDn,
    String userFilter,
    String usernameAttribute,
    String groupBaseDn,
    String groupFilter) {

  public static final String DEFAULT_USER_FILTER = "(objectClass=inetOrgPerson)";
  public static final String DEFAULT_USERNAME_ATTRIBUTE = "uid";
  public static final String DEFAULT_GROUP_FILTER = "(objectClass=groupOfNames)";

  public static final LdapSettings OFF = new LdapSettings(null, null, null, null, null, null, null, null);

  public LdapSettings {
    userFilter = userFilter == null ? DEFAULT_USER_FILTER : userFilter;
    usernameAttribute = usernameAttribute == null ? DEFAULT_USERNAME_ATTRIBUTE : usernameAttribute;
    groupFilter = groupFilter == null ? DEFAULT_GROUP_FILTER : groupFilter;
  }

  public boolean configured() {
    return url != null;
  }

  public boolean bindPasswordSet() {
    return bindPassword != null;
  }

  /** The same settings with another bind password (null: none). */
  public LdapSettings withBindPassword(String newPassword) {
    return new LdapSettings(url, bindDn, newPassword, userBaseDn, userFilter, usernameAttribute, groupBaseDn, groupFilter);
  }

  @Override
  public String toString() {
    return "LdapSettings[url=" + url + ", bindDn=" + bindDn + ", bindPassword="
        + (bindPassword == null ? "none" : "********") + ", userBaseDn=" + userBaseDn + ", userFilter=" + userFilter
        + ", usernameAttribute=" + usernameAttribute + ", groupBaseDn=" + groupBaseDn + ", groupFilter=" + groupFilter
        + "]";
  }
}
