package io.portcullis.core.domain.model.settings;

/** The one row of instance settings (the migration creates it, so there always is one). */
public interface SettingsRepository {

  /** The settings as stored now. */
  Settings load();

  /** The settings, locked until the transaction ends, so concurrent changes are applied one after the other. */
  Settings loadForUpdate();
}
