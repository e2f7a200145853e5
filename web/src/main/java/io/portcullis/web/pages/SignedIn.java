package io.portcullis.web.pages;

import io.portcullis.core.application.Caller;
import io.portcullis.core.application.SettingsService;
import io.portcullis.core.application.security.Access;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** What the layout shows about the signed-in person: name, admin or not, the instance name. */
@Named
@RequestScoped
public class SignedIn {

  @Inject private Access access;
  @EJB private SettingsService settings;
  private String instanceName;

  public Caller getCaller() {
    return access.caller();
  }

  public boolean isAdmin() {
    return access.caller().admin();
  }

  /** The name set on the Settings page, else the server's default; read once per request. */
  public String getInstanceName() {
    if (instanceName == null) {
      instanceName = settings.instanceName();
    }
    return instanceName;
  }
}
