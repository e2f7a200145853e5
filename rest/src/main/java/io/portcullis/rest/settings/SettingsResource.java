package io.portcullis.rest.settings;

import io.portcullis.core.application.ConnectionTestFailedException;
import io.portcullis.core.application.LdapTestResult;
import io.portcullis.core.application.RuleViolationException;
import io.portcullis.core.application.SettingsDraft;
import io.portcullis.core.application.SettingsService;
import io.portcullis.core.application.SettingsView;
import io.portcullis.core.application.SmtpTestResult;
import io.portcullis.core.application.security.AdminOnly;
import io.portcullis.rest.common.Bodies;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/v1/settings} (administrators): the whole document ({@code GET}, {@code PUT}), one section
 * ({@code PUT /settings/instance|identity|smtp|ldap}), and tests of the SMTP and LDAP servers with the stored or
 * the given unsaved settings ({@code POST /settings/smtp/test}, {@code POST /settings/ldap/test}): 200 with the
 * outcome, 422 when the settings lack what the test needs, 502 when the other server fails.
 */
@AdminOnly
@Path("settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SettingsResource {

  @EJB private SettingsService settings;

  /** {@code to}: where the test mail goes; {@code smtp}: unsaved settings to test instead of the stored ones. */
  public record SmtpTestRequest(String to, SettingsRequest.SmtpSection smtp) {}

  /** {@code ldap}: unsaved settings to test instead of the stored ones. */
  public record LdapTestRequest(SettingsRequest.LdapSection ldap) {}

  @GET
  public SettingsView get() {
    return settings.get();
  }

  @PUT
  public SettingsView replace(SettingsRequest request) throws RuleViolationException {
    return settings.update(Bodies.require(request).toDraft());
  }

  @PUT
  @Path("instance")
  public SettingsView instance(SettingsRequest.InstanceSection section) throws RuleViolationException {
    return update(new SettingsDraft(Bodies.require(section).toDraft(), null, null, null));
  }

  @PUT
  @Path("identity")
  public SettingsView identity(SettingsRequest.IdentitySection section) throws RuleViolationException {
    return update(new SettingsDraft(null, Bodies.require(section).toDraft(), null, null));
  }

  @PUT
  @Path("smtp")
  public SettingsView smtp(SettingsRequest.SmtpSection section) throws RuleViolationException {
    return update(new SettingsDraft(null, null, Bodies.require(section).toDraft(), null));
  }

  @PUT
  @Path("ldap")
  public SettingsView ldap(SettingsRequest.LdapSection section) throws RuleViolationException {
    return update(new SettingsDraft(null, null, null, Bodies.require(section).toDraft()));
  }

  @POST
  @Path("smtp/test")
  public SmtpTestResult testSmtp(SmtpTestRequest request) throws RuleViolationException, ConnectionTestFailedException {
    SmtpTestRequest body = Bodies.require(request);
    SettingsDraft.Smtp unsaved = body.smtp() == null ? null : body.smtp().toDraft();
    if (unsaved != null) {
      SettingsRequest.checked(new SettingsDraft(null, null, unsaved, null));
    }
    return settings.testSmtp(unsaved, body.to());
  }

  @POST
  @Path("ldap/test")
  public LdapTestResult testLdap(LdapTestRequest request) throws RuleViolationException, ConnectionTestFailedException {
    SettingsDraft.Ldap unsaved = request == null || request.ldap() == null ? null : request.ldap().toDraft();
    if (unsaved != null) {
      SettingsRequest.checked(new SettingsDraft(null, null, null, unsaved));
    }
    return settings.testLdap(unsaved);
  }

  private SettingsView update(SettingsDraft draft) throws RuleViolationException {
    return settings.update(SettingsRequest.checked(draft));
  }
}
