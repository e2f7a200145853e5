package io.portcullis.web.pages;

import io.portcullis.core.application.Caller;
import io.portcullis.core.application.security.Access;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** What the layout shows about the signed-in person: name, admin or not, the instance name. */
@Named
@RequestScoped
public class SignedIn {

  @Inject private Access access;

  public Caller getCaller() {
    return access.caller();
  }

  public boolean isAdmin() {
    return access.caller().admin();
  }

  public String getInstanceName() {
    return System.getProperty("portcullis.instance-name", "Portcullis");
  }
}
