package io.portcullis.core.domain.model.settings;

import io.portcullis.core.infrastructure.persistence.jpa.SealedSecretConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The settings of this installation that administrators change at run time: its name, the admin group, and the
 * SMTP and LDAP servers. There is exactly one (id 1). Null means "not set here" (see the accessors for what then
 * applies). The values are checked by the application layer before they get here.
 */
@Entity
@Table(name = "instance_settings")
public class Settings {

  /** The id of the one row. */
  public static final short ID = 1;

  @Id
  @Column(name = "id")
  private short id;

  @Column(name = "instance_name", length = 64)
  private String instanceName;

  @Column(name = "admin_group", length = 64)
  private String adminGroup;

  @Column(name = "smtp_host")
  private String smtpHost;

  @Column(name = "smtp_port")
  private Integer smtpPort;

  @Enumerated(EnumType.STRING)
  @Column(name = "smtp_security", nullable = false, length = 8)
  private SmtpSecurity smtpSecurity = SmtpSecurity.STARTTLS;

  @Column(name = "smtp_username")
  private String smtpUsername;

  @Column(name = "smtp_password")
  @Convert(converter = SealedSecretConverter.class)
  private String smtpPassword;

  @Column(name = "smtp_from")
  private String smtpFrom;

  @Column(name = "ldap_url")
  private String ldapUrl;

  @Column(name = "ldap_bind_dn")
  private String ldapBindDn;

  @Column(name = "ldap_bind_password")
  @Convert(converter = SealedSecretConverter.class)
  private String ldapBindPassword;

  @Column(name = "ldap_user_base_dn")
  private String ldapUserBaseDn;

  @Column(name = "ldap_user_filter")
  private String ldapUserFilter;

  @Column(name = "ldap_username_attribute", length = 64)
  private String ldapUsernameAttribute;

  @Column(name = "ldap_group_base_dn")
  private String ldapGroupBaseDn;

  @Column(name = "ldap_group_filter")
  private String ldapGroupFilter;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Column(name = "updated_by")
  private String updatedBy;

  protected Settings() {}

  /** The instance name set here; null: the server's default applies. */
  public String instanceName() {
    return instanceName;
  }

  /** The admin group set here; null: the server's default applies. */
  public String adminGroup() {
    return adminGroup;
  }

  public SmtpSettings smtp() {
    return new SmtpSettings(smtpHost, smtpPort, smtpSecurity, smtpUsername, smtpPassword, smtpFrom);
  }

  public LdapSettings ldap() {
    return new LdapSettings(ldapUrl, ldapBindDn, ldapBindPassword, ldapUserBaseDn, ldapUserFilter, ldapUsernameAttribute,
        ldapGroupBaseDn, ldapGroupFilter);
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public String updatedBy() {
    return updatedBy;
  }

  public void rename(String name) {
    instanceName = name;
  }

  public void changeAdminGroup(String group) {
    adminGroup = group;
  }

  public void configureSmtp(SmtpSettings smtp) {
    smtpHost = smtp.host();
    smtpPort = smtp.port();
    smtpSecurity = smtp.security();
    smtpUsername = smtp.username();
    smtpPassword = smtp.password();
    smtpFrom = smtp.from();
  }

  /** Stores the LDAP settings; filters and the attribute equal to the defaults are kept as "not set". */
  public void configureLdap(LdapSettings ldap) {
    ldapUrl = ldap.url();
    ldapBindDn = ldap.bindDn();
    ldapBindPassword = ldap.bindPassword();
    ldapUserBaseDn = ldap.userBaseDn();
    ldapUserFilter = LdapSettings.DEFAULT_USER_FILTER.equals(ldap.userFilter()) ? null : ldap.userFilter();
    ldapUsernameAttribute =
        LdapSettings.DEFAULT_USERNAME_ATTRIBUTE.equals(ldap.usernameAttribute()) ? null : ldap.usernameAttribute();
    ldapGroupBaseDn = ldap.groupBaseDn();
    ldapGroupFilter = LdapSettings.DEFAULT_GROUP_FILTER.equals(ldap.groupFilter()) ? null : ldap.groupFilter();
  }

  /** Records who changed the settings last, and when. */
  public void changedBy(String actor, Instant at) {
    updatedBy = actor;
    updatedAt = at;
  }
}
