package io.portcullis.core.application.internal;

import io.portcullis.core.domain.model.settings.SettingsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Identity settings: the admin group set on the Settings page (instance_settings.admin_group) wins; without one,
 * the system property {@code portcullis.admin-group} that wildfly-config/04-system-properties.cli sets from
 * PORTCULLIS_ADMIN_GROUP (default {@code portcullis-admin}).
 */
@ApplicationScoped
public class IdentitySettings {

  @Inject private SettingsRepository settings;

  public String adminGroup() {
    String stored = settings.load().adminGroup();
    return stored == null ? defaultAdminGroup() : stored;
  }

  /** The admin group when none is stored. */
  public String defaultAdminGroup() {
    return System.getProperty("portcullis.admin-group", "portcullis-admin");
  }
}
