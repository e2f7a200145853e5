package io.portcullis.web.pages;

import io.portcullis.core.application.ConnectionTestFailedException;
import io.portcullis.core.application.FieldError;
import io.portcullis.core.application.LdapTestResult;
import io.portcullis.core.application.RuleViolationException;
import io.portcullis.core.application.SettingsDraft;
import io.portcullis.core.application.SettingsRules;
import io.portcullis.core.application.SettingsService;
import io.portcullis.core.application.SettingsView;
import io.portcullis.core.application.SmtpTestResult;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Settings (administrators): instance, identity, SMTP and LDAP in one form, checked by the core's
 * {@link SettingsRules} with the REST API's field names ({@code smtp.port} is the field {@code smtp-port} here);
 * passwords are never rendered, an empty password field keeps the stored one. The test buttons try the values
 * in the form, saved or not, and show the outcome next to them.
 */
@Named
@ViewScoped
public class SettingsPage implements Serializable {

  private static final long serialVersionUID = 1L;
  static final String FORM = "settings";

  @EJB private SettingsService settings;

  private final Form form = new Form();
  private String testTo;
  private Outcome smtpOutcome;
  private Outcome ldapOutcome;
  private transient SettingsView shown;

  /** The result of a test button: whether it worked, and what to tell the person. */
  public record Outcome(boolean ok, String text) implements Serializable {}

  /** The text of the form, as typed. Passwords are only ever written here, never filled in from the core. */
  public static final class Form implements Serializable {
    private static final long serialVersionUID = 1L;
    private String instanceName;
    private String adminGroup;
    private String smtpHost;
    private Integer smtpPort;
    private String smtpSecurity;
    private String smtpUsername;
    private String smtpPassword;
    private boolean smtpPasswordRemove;
    private String smtpFrom;
    private String ldapUrl;
    private String ldapBindDn;
    private String ldapBindPassword;
    private boolean ldapBindPasswordRemove;
    private String ldapUserBaseDn;
    private String ldapUserFilter;
    private String ldapUsernameAttribute;
    private String ldapGroupBaseDn;
    private String ldapGroupFilter;

    // Faces binds through bean properties.
    public String getInstanceName() { return instanceName; }
    public void setInstanceName(String v) { instanceName = v; }
    public String getAdminGroup() { return adminGroup; }
    public void setAdminGroup(String v) { adminGroup = v; }
    public String getSmtpHost() { return smtpHost; }
    public void setSmtpHost(String v) { smtpHost = v; }
    public Integer getSmtpPort() { return smtpPort; }
    public void setSmtpPort(Integer v) { smtpPort = v; }
    public String getSmtpSecurity() { return smtpSecurity; }
    public void setSmtpSecurity(String v) { smtpSecurity = v; }
    public String getSmtpUsername() { return smtpUsername; }
    public void setSmtpUsername(String v) { smtpUsername = v; }
    public String getSmtpPassword() { return null; }
    public void setSmtpPassword(String v) { smtpPassword = v; }
    public boolean isSmtpPasswordRemove() { return smtpPasswordRemove; }
    public void setSmtpPasswordRemove(boolean v) { smtpPasswordRemove = v; }
    public String getSmtpFrom() { return smtpFrom; }
    public void setSmtpFrom(String v) { smtpFrom = v; }
    public String getLdapUrl() { return ldapUrl; }
    public void setLdapUrl(String v) { ldapUrl = v; }
    public String getLdapBindDn() { return ldapBindDn; }
    public void setLdapBindDn(String v) { ldapBindDn = v; }
    public String getLdapBindPassword() { return null; }
    public void setLdapBindPassword(String v) { ldapBindPassword = v; }
    public boolean isLdapBindPasswordRemove() { return ldapBindPasswordRemove; }
    public void setLdapBindPasswordRemove(boolean v) { ldapBindPasswordRemove = v; }
    public String getLdapUserBaseDn() { return ldapUserBaseDn; }
    public void setLdapUserBaseDn(String v) { ldapUserBaseDn = v; }
    public String getLdapUserFilter() { return ldapUserFilter; }
    public void setLdapUserFilter(String v) { ldapUserFilter = v; }
    public String getLdapUsernameAttribute() { return ldapUsernameAttribute; }
    public void setLdapUsernameAttribute(String v) { ldapUsernameAttribute = v; }
    public String getLdapGroupBaseDn() { return ldapGroupBaseDn; }
    public void setLdapGroupBaseDn(String v) { ldapGroupBaseDn = v; }
    public String getLdapGroupFilter() { return ldapGroupFilter; }
    public void setLdapGroupFilter(String v) { ldapGroupFilter = v; }
  }

  @PostConstruct
  void load() {
    fill(settings.get());
  }

  private void fill(SettingsView view) {
    shown = view;
    form.instanceName = view.instance().name();
    form.adminGroup = view.identity().adminGroup();
    form.smtpHost = view.smtp().host();
    form.smtpPort = view.smtp().configured() ? view.smtp().port() : null;
    form.smtpSecurity = view.smtp().security();
    form.smtpUsername = view.smtp().username();
    form.smtpFrom = view.smtp().from();
    form.ldapUrl = view.ldap().url();
    form.ldapBindDn = view.ldap().bindDn();
    form.ldapUserBaseDn = view.ldap().userBaseDn();
    form.ldapUserFilter = view.ldap().userFilter();
    form.ldapUsernameAttribute = view.ldap().usernameAttribute();
    form.ldapGroupBaseDn = view.ldap().groupBaseDn();
    form.ldapGroupFilter = view.ldap().groupFilter();
    form.smtpPassword = null;
    form.ldapBindPassword = null;
    form.smtpPasswordRemove = false;
    form.ldapBindPasswordRemove = false;
  }

  public void save() {
    SettingsDraft draft = new SettingsDraft(new SettingsDraft.Instance(form.instanceName),
        new SettingsDraft.Identity(form.adminGroup), smtpDraft(), ldapDraft());
    if (report(SettingsRules.check(draft))) {
      return;
    }
    try {
      fill(settings.update(draft));
      PageMessages.info("Settings saved", "They apply from now on; the change is in the audit log.");
    } catch (RuleViolationException e) {
      report(e.errors());
    }
  }

  public void sendTestMail() {
    smtpOutcome = null;
    try {
      SmtpTestResult result = settings.testSmtp(smtpDraft(), testTo);
      smtpOutcome = new Outcome(true, "Test mail to " + result.to() + " accepted by " + result.server() + " ("
          + result.security() + ") in " + result.millis() + " ms. Check that it arrived.");
    } catch (RuleViolationException e) {
      report(e.errors());
      smtpOutcome = new Outcome(false, "Not sent: " + summary(e.errors()));
    } catch (ConnectionTestFailedException e) {
      smtpOutcome = new Outcome(false, "Not sent: " + e.getMessage());
    }
  }

  public void testLdap() {
    ldapOutcome = null;
    try {
      LdapTestResult result = settings.testLdap(ldapDraft());
      ldapOutcome = new Outcome(true, "Connected to " + result.server() + ": " + result.users() + " users match"
          + (result.sample().isEmpty() ? "" : ", such as " + String.join(", ", result.sample())) + " ("
          + result.millis() + " ms).");
    } catch (RuleViolationException e) {
      report(e.errors());
      ldapOutcome = new Outcome(false, "Not tested: " + summary(e.errors()));
    } catch (ConnectionTestFailedException e) {
      ldapOutcome = new Outcome(false, "Failed: " + e.getMessage());
    }
  }

  /** An empty password field keeps the stored password; the "remove" box removes it. */
  private SettingsDraft.Smtp smtpDraft() {
    String password = form.smtpPasswordRemove ? "" : blankToNull(form.smtpPassword);
    return new SettingsDraft.Smtp(form.smtpHost, form.smtpPort, form.smtpSecurity, form.smtpUsername, password, form.smtpFrom);
  }

  private SettingsDraft.Ldap ldapDraft() {
    String password = form.ldapBindPasswordRemove ? "" : blankToNull(form.ldapBindPassword);
    return new SettingsDraft.Ldap(form.ldapUrl, form.ldapBindDn, password, form.ldapUserBaseDn, form.ldapUserFilter,
        form.ldapUsernameAttribute, form.ldapGroupBaseDn, form.ldapGroupFilter);
  }

  private static String blankToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  /** Shows each error next to its field ({@code smtp.port} → {@code settings:smtp-port}) and in the summary. */
  private static boolean report(List<FieldError> errors) {
    FacesContext faces = FacesContext.getCurrentInstance();
    for (FieldError error : errors) {
      String text = error.field() + ": " + error.message();
      String clientId = FORM + ":" + error.field().replace('.', '-');
      boolean known = faces.getViewRoot().findComponent(":" + clientId) != null;
      // The text once: as summary, with an empty detail (a null detail would repeat the summary in the list).
      faces.addMessage(known ? clientId : null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, ""));
    }
    if (!errors.isEmpty()) {
      faces.validationFailed();
    }
    return !errors.isEmpty();
  }

  private static String summary(List<FieldError> errors) {
    return String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList());
  }

  public Form getForm() {
    return form;
  }

  public boolean isSmtpPasswordSet() {
    return shown == null ? settings.get().smtp().passwordSet() : shown.smtp().passwordSet();
  }

  public boolean isLdapBindPasswordSet() {
    return shown == null ? settings.get().ldap().bindPasswordSet() : shown.ldap().bindPasswordSet();
  }

  public SettingsView getShown() {
    if (shown == null) {
      shown = settings.get();
    }
    return shown;
  }

  public List<String> getSecurityModes() {
    return List.of("NONE", "STARTTLS", "TLS");
  }

  public String getTestTo() {
    return testTo;
  }

  public void setTestTo(String testTo) {
    this.testTo = testTo;
  }

  public Outcome getSmtpOutcome() {
    return smtpOutcome;
  }

  public Outcome getLdapOutcome() {
    return ldapOutcome;
  }
}
