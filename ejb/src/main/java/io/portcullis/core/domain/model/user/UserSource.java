package io.portcullis.core.domain.model.user;

import java.util.Locale;

/** Where a user record came from; records from an identity provider are kept in step with it. */
public enum UserSource {
  /** Created in Portcullis (and pushed to Keycloak when provisioning is on). */
  LOCAL,
  /** Imported from Keycloak, or created when the person first signed in through it. */
  KEYCLOAK,
  /** Synchronised from an LDAP directory. */
  LDAP;

  /** The value in the {@code source} column. */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static UserSource ofColumn(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
