package io.portcullis.core.infrastructure.persistence.jpa;

import io.portcullis.core.domain.model.settings.Settings;
import io.portcullis.core.domain.model.settings.SettingsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

/** The settings row in PostgreSQL through JPA. */
@ApplicationScoped
public class JpaSettingsRepository implements SettingsRepository {

  @PersistenceContext(unitName = "portcullis")
  private EntityManager em;

  @Override
  public Settings load() {
    return require(em.find(Settings.class, Settings.ID));
  }

  @Override
  public Settings loadForUpdate() {
    return require(em.find(Settings.class, Settings.ID, LockModeType.PESSIMISTIC_WRITE));
  }

  private static Settings require(Settings settings) {
    if (settings == null) {
      throw new IllegalStateException("the instance_settings row is missing: migration V30 creates it");
    }
    return settings;
  }
}
