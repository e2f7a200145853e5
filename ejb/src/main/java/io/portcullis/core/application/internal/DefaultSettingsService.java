package io.portcullis.core.application.internal;

import io.portcullis.core.application.ConnectionTestFailedException;
import io.portcullis.core.application.FieldError;
import io.portcullis.core.application.LdapTestResult;
import io.portcullis.core.application.RuleViolationException;
import io.portcullis.core.application.SettingsDraft;
import io.portcullis.core.application.SettingsRules;
import io.portcullis.core.application.SettingsService;
import io.portcullis.core.application.SettingsView;
import io.portcullis.core.application.SmtpTestResult;
import io.portcullis.core.application.security.Access;
import io.portcullis.core.application.security.AdminOnly;
import io.portcullis.core.domain.model.audit.AuditAction;
import io.portcullis.core.domain.model.settings.LdapSettings;
import io.portcullis.core.domain.model.settings.Settings;
import io.portcullis.core.domain.model.settings.SettingsRepository;
import io.portcullis.core.domain.model.settings.SmtpSettings;
import io.portcullis.core.domain.model.user.EmailAddress;
import io.portcullis.core.infrastructure.ldap.LdapDirectoryProbe;
import io.portcullis.core.infrastructure.mail.SmtpMailer;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * The settings: checked with {@link SettingsRules}, written in one transaction with the row locked, audited as
 * object {@code settings} with passwords shown only as {@code ********} (and named in {@code changedSecrets} when
 * they change); tests run against the real servers outside of any write.
 */
@Stateless
public class DefaultSettingsService implements SettingsService {

  static final String OBJECT_TYPE = "settings";
  static final String MASK = "********";
  static final String DEFAULT_INSTANCE_NAME = "Portcullis";

  private static final Logger LOG = Logger.getLogger(DefaultSettingsService.class);

  @Inject private SettingsRepository repository;
  @Inject private IdentitySettings identity;
  @Inject private SmtpMailer mailer;
  @Inject private LdapDirectoryProbe probe;
  @Inject private Access access;
  @EJB private AuditTrail audit;

  @Override
  @AdminOnly
  public SettingsView get() {
    return view(repository.load());
  }

  @Override
  @AdminOnly
  public SettingsView update(SettingsDraft draft) throws RuleViolationException {
    List<FieldError> errors = SettingsRules.check(draft);
    if (!errors.isEmpty()) {
      throw new RuleViolationException(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
          : errors.size() + " settings are invalid", errors);
    }
    Settings settings = repository.loadForUpdate();
    Map<String, Object> before = auditState(settings);
    SmtpSettings smtpBefore = settings.smtp();
    LdapSettings ldapBefore = settings.ldap();
    if (draft.instance() != null) {
      settings.rename(SettingsRules.text(draft.instance().name()));
    }
    if (draft.identity() != null) {
      settings.changeAdminGroup(SettingsRules.text(draft.identity().adminGroup()));
    }
    if (draft.smtp() != null) {
      settings.configureSmtp(SettingsRules.smtp(draft.smtp(), smtpBefore.password()));
    }
    if (draft.ldap() != null) {
      settings.configureLdap(SettingsRules.ldap(draft.ldap(), ldapBefore.bindPassword()));
    }
    List<String> changedSecrets = new ArrayList<>();
    if (!Objects.equals(smtpBefore.password(), settings.smtp().password())) {
      changedSecrets.add("smtp.password");
    }
    if (!Objects.equals(ldapBefore.bindPassword(), settings.ldap().bindPassword())) {
      changedSecrets.add("ldap.bindPassword");
    }
    Map<String, Object> after = auditState(settings);
    if (before.equals(after) && changedSecrets.isEmpty()) {
      return view(settings);
    }
    if (!changedSecrets.isEmpty()) {
      after.put("changedSecrets", changedSecrets);
    }
    settings.changedBy(access.caller().username(), Instant.now());
    audit.record(AuditAction.UPDATE, OBJECT_TYPE, (long) Settings.ID, OBJECT_TYPE, before, after);
    LOG.infof("Settings changed by %s: %s", access.caller().username(), changedSections(before, after));
    return view(settings);
  }

  @Override
  @AdminOnly
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public SmtpTestResult testSmtp(SettingsDraft.Smtp unsaved, String to)
      throws RuleViolationException, ConnectionTestFailedException {
    List<FieldError> errors = new ArrayList<>();
    EmailAddress recipient = null;
    if (to == null || to.isBlank()) {
      errors.add(new FieldError("to", "is required: the address the test mail goes to"));
    } else {
      try {
        recipient = EmailAddress.of(to.strip());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("to", e.getMessage()));
      }
    }
    SmtpSettings stored = repository.load().smtp();
    SmtpSettings smtp = stored;
    if (unsaved != null) {
      errors.addAll(SettingsRules.checkSmtp(unsaved));
      if (errors.isEmpty()) {
        boolean sameAccount = Objects.equals(SettingsRules.text(unsaved.host()), stored.host())
            && Objects.equals(SettingsRules.text(unsaved.username()), stored.username());
        smtp = SettingsRules.smtp(unsaved, sameAccount ? stored.password() : null);
      }
    }
    if (errors.isEmpty() && !smtp.configured()) {
      errors.add(new FieldError("smtp.host", "is required to send mail: set the SMTP server first"));
    } else if (errors.isEmpty() && smtp.username() != null && smtp.password() == null) {
      errors.add(new FieldError("smtp.password", "is required with smtp.username (type it again to test another server)"));
    }
    if (!errors.isEmpty()) {
      throw new RuleViolationException("The test mail cannot be sent with these settings", errors);
    }
    String instance = instanceName();
    long started = System.nanoTime();
    mailer.send(smtp, instance, recipient.value(), "Test mail from " + instance,
        "This is a test mail from the settings of " + instance + ", sent by " + access.caller().username() + " at "
            + Instant.now() + " through " + smtp.host() + ":" + smtp.effectivePort() + " (" + smtp.security() + ").\n\n"
            + "If it arrived, the SMTP settings work. Nothing needs to be done.\n");
    return new SmtpTestResult(recipient.value(), smtp.host() + ":" + smtp.effectivePort(), smtp.security().name(),
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  @Override
  @AdminOnly
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public LdapTestResult testLdap(SettingsDraft.Ldap unsaved) throws RuleViolationException, ConnectionTestFailedException {
    LdapSettings stored = repository.load().ldap();
    LdapSettings ldap = stored;
    if (unsaved != null) {
      List<FieldError> errors = SettingsRules.checkLdap(unsaved);
      if (!errors.isEmpty()) {
        throw new RuleViolationException("The LDAP test cannot run with these settings", errors);
      }
      boolean sameAccount = Objects.equals(SettingsRules.text(unsaved.url()), stored.url())
          && Objects.equals(SettingsRules.text(unsaved.bindDn()), stored.bindDn());
      ldap = SettingsRules.ldap(unsaved, sameAccount ? stored.bindPassword() : null);
    }
    if (!ldap.configured()) {
      throw new RuleViolationException("ldap.url", "is required to test LDAP: set the directory's URL first");
    }
    if (ldap.userBaseDn() == null) {
      throw new RuleViolationException("ldap.userBaseDn", "is required: where the users are");
    }
    if (ldap.bindDn() != null && ldap.bindPassword() == null) {
      // An empty password would make a simple bind an unauthenticated one, which many servers accept silently.
      throw new RuleViolationException("ldap.bindPassword", "is required with ldap.bindDn (type it again to test another server)");
    }
    return probe.test(ldap);
  }

  @Override
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public String instanceName() {
    String stored = repository.load().instanceName();
    return stored == null ? defaultInstanceName() : stored;
  }

  static String defaultInstanceName() {
    return System.getProperty("portcullis.instance-name", DEFAULT_INSTANCE_NAME);
  }

  private SettingsView view(Settings settings) {
    SmtpSettings smtp = settings.smtp();
    LdapSettings ldap = settings.ldap();
    return new SettingsView(
        new SettingsView.Instance(settings.instanceName() == null ? defaultInstanceName() : settings.instanceName(),
            settings.instanceName() == null),
        new SettingsView.Identity(settings.adminGroup() == null ? identity.defaultAdminGroup() : settings.adminGroup(),
            settings.adminGroup() == null),
        new SettingsView.Smtp(smtp.configured(), smtp.host(), smtp.effectivePort(), smtp.security().name(),
            smtp.username(), smtp.passwordSet(), smtp.from()),
        new SettingsView.Ldap(ldap.configured(), ldap.url(), ldap.bindDn(), ldap.bindPasswordSet(), ldap.userBaseDn(),
            ldap.userFilter(), ldap.usernameAttribute(), ldap.groupBaseDn(), ldap.groupFilter()),
        settings.updatedAt(),
        settings.updatedBy());
  }

  /** What is stored (not the defaults), passwords masked: the before and after of the audit event. */
  private static Map<String, Object> auditState(Settings settings) {
    SmtpSettings smtp = settings.smtp();
    LdapSettings ldap = settings.ldap();
    Map<String, Object> instance = new LinkedHashMap<>();
    instance.put("name", settings.instanceName());
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("adminGroup", settings.adminGroup());
    Map<String, Object> mail = new LinkedHashMap<>();
    mail.put("host", smtp.host());
    mail.put("port", smtp.port());
    mail.put("security", smtp.security().name());
    mail.put("username", smtp.username());
    mail.put("password", smtp.passwordSet() ? MASK : null);
    mail.put("from", smtp.from());
    Map<String, Object> directory = new LinkedHashMap<>();
    directory.put("url", ldap.url());
    directory.put("bindDn", ldap.bindDn());
    directory.put("bindPassword", ldap.bindPasswordSet() ? MASK : null);
    directory.put("userBaseDn", ldap.userBaseDn());
    directory.put("userFilter", ldap.userFilter());
    directory.put("usernameAttribute", ldap.usernameAttribute());
    directory.put("groupBaseDn", ldap.groupBaseDn());
    directory.put("groupFilter", ldap.groupFilter());
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("instance", instance);
    state.put("identity", identity);
    state.put("smtp", mail);
    state.put("ldap", directory);
    return state;
  }

  private static List<String> changedSections(Map<String, Object> before, Map<String, Object> after) {
    List<String> sections = new ArrayList<>();
    for (String section : List.of("instance", "identity", "smtp", "ldap")) {
      if (!Objects.equals(before.get(section), after.get(section))) {
        sections.add(section);
      }
    }
    if (after.containsKey("changedSecrets")) {
      sections.add("secrets " + after.get("changedSecrets"));
    }
    return sections;
  }
}
