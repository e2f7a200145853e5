package io.portcullis.core.application;

/**
 * The settings of this installation (instance name, admin group, SMTP, LDAP): read and changed by
 * administrators, every change audited with secrets masked; and tests of the SMTP and LDAP servers with the
 * stored or not yet saved values.
 */
public interface SettingsService {

  /** The settings with defaults filled in and without secrets. Administrators only. */
  SettingsView get();

  /**
   * Applies the sections of {@code draft} that are not null, all or nothing. Administrators only.
   *
   * @throws RuleViolationException with every bad field ({@link SettingsRules})
   */
  SettingsView update(SettingsDraft draft) throws RuleViolationException;

  /**
   * Sends a test mail to {@code to} with {@code unsaved} SMTP settings, or the stored ones when null. An unsaved
   * section without password uses the stored password only for the stored host and username. Administrators only.
   */
  SmtpTestResult testSmtp(SettingsDraft.Smtp unsaved, String to)
      throws RuleViolationException, ConnectionTestFailedException;

  /**
   * Binds to the LDAP directory and counts the users the filter finds, with {@code unsaved} settings or the
   * stored ones when null (the stored bind password only for the stored URL and bind DN). Administrators only.
   */
  LdapTestResult testLdap(SettingsDraft.Ldap unsaved) throws RuleViolationException, ConnectionTestFailedException;

  /** The name of this installation for headers and mails: the stored one, else the server's default. Anyone. */
  String instanceName();
}
