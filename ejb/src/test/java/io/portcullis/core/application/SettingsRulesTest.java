package io.portcullis.core.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.core.domain.model.settings.LdapSettings;
import io.portcullis.core.domain.model.settings.SmtpSecurity;
import io.portcullis.core.domain.model.settings.SmtpSettings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsRulesTest {

  private static SettingsDraft.Smtp smtp(String host, Integer port, String security, String from) {
    return new SettingsDraft.Smtp(host, port, security, "app", "pw", from);
  }

  private static SettingsDraft.Ldap ldap(String url, String base, String filter) {
    return new SettingsDraft.Ldap(url, "cn=admin,dc=example,dc=org", "pw", base, filter, "uid", null, null);
  }

  private static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  @Test
  void aCompleteDraftPasses() {
    SettingsDraft draft = new SettingsDraft(new SettingsDraft.Instance("ACME VPN"), new SettingsDraft.Identity("vpn-admins"),
        smtp("mail.example.org", 587, "starttls", "vpn@example.org"),
        ldap("ldaps://ldap.example.org:636", "ou=people,dc=example,dc=org", "(&(objectClass=inetOrgPerson)(uid=*))"));
    assertThat(SettingsRules.check(draft)).isEmpty();
  }

  @Test
  void everyBadFieldIsNamedAtOnce() {
    SettingsDraft draft = new SettingsDraft(new SettingsDraft.Instance("x".repeat(65)), null,
        smtp("bad host!", 70000, "ssl", "not-an-address"),
        ldap("http://ldap.example.org", "not a dn", "objectClass=person"));
    assertThat(fields(SettingsRules.check(draft))).containsExactlyInAnyOrder(
        "instance.name", "smtp.host", "smtp.port", "smtp.security", "smtp.from", "ldap.url", "ldap.userBaseDn",
        "ldap.userFilter");
  }

  @Test
  void aHostNeedsAFromAddressAndAUrlNeedsABaseDn() {
    assertThat(fields(SettingsRules.checkSmtp(smtp("mail.example.org", null, null, " ")))).containsExactly("smtp.from");
    assertThat(fields(SettingsRules.checkLdap(ldap("ldap://127.0.0.1:389", "", null)))).containsExactly("ldap.userBaseDn");
    // Without a host or URL, nothing is required: the feature is off.
    assertThat(SettingsRules.checkSmtp(new SettingsDraft.Smtp(null, null, null, null, null, null))).isEmpty();
    assertThat(SettingsRules.checkLdap(new SettingsDraft.Ldap(null, null, null, null, null, null, null, null))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"(uid=a))", "(a=b)(c=d)", "((a=b)", "(objectClass)", "uid=a"})
  void malformedFiltersAreRefused(String filter) {
    assertThat(fields(SettingsRules.checkLdap(ldap("ldap://h", "dc=x", filter)))).containsExactly("ldap.userFilter");
  }

  @Test
  void passwordsAreKeptReplacedOrRemoved() {
    SmtpSettings kept = SettingsRules.smtp(new SettingsDraft.Smtp("h.example", null, "tls", "u", null, "a@b.example"), "old");
    assertThat(kept.password()).isEqualTo("old");
    assertThat(kept.effectivePort()).isEqualTo(465);
    assertThat(kept.security()).isEqualTo(SmtpSecurity.TLS);
    assertThat(SettingsRules.smtp(new SettingsDraft.Smtp("h.example", null, null, "u", "new", "a@b.example"), "old").password())
        .isEqualTo("new");
    assertThat(SettingsRules.smtp(new SettingsDraft.Smtp("h.example", null, null, "u", "", "a@b.example"), "old").password())
        .isNull();
    // No username, no password: it would never be sent.
    assertThat(SettingsRules.smtp(new SettingsDraft.Smtp("h.example", null, null, null, null, "a@b.example"), "old").password())
        .isNull();
    LdapSettings ldap = SettingsRules.ldap(new SettingsDraft.Ldap("ldap://h", "cn=a,dc=x", null, "dc=x", null, null, null, null), "old");
    assertThat(ldap.bindPassword()).isEqualTo("old");
    assertThat(ldap.userFilter()).isEqualTo(LdapSettings.DEFAULT_USER_FILTER);
    assertThat(ldap.usernameAttribute()).isEqualTo("uid");
  }

  @Test
  void secretsNeverReachToString() {
    assertThat(new SmtpSettings("h", 25, SmtpSecurity.NONE, "u", "s3cret", "a@b.c").toString()).doesNotContain("s3cret");
    assertThat(new LdapSettings("ldap://h", "cn=a", "s3cret", "dc=x", null, null, null, null).toString()).doesNotContain("s3cret");
  }
}
