package io.portcullis.core.application.internal;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Identity settings, from the system properties that wildfly-config/04-system-properties.cli sets from the
 * environment: {@code portcullis.admin-group} (PORTCULLIS_ADMIN_GROUP, default {@code portcullis-admin}).
 */
@ApplicationScoped
public class IdentitySettings {

  public String adminGroup() {
    return System.getProperty("portcullis.admin-group", "portcullis-admin");
  }
}
