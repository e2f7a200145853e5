package io.portcullis.core.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Migrates the database when the application is deployed, before any other startup bean touches it (those
 * declare {@code @DependsOn("SchemaMigrator")}); a failed migration fails the deployment.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigrator {

  private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);

  @Resource(lookup = "java:jboss/datasources/PortcullisDS")
  private DataSource dataSource;

  @PostConstruct
  void migrate() {
    MigrateResult result = new DatabaseSchema(dataSource).migrate();
    LOG.infof(
        "Database schema at version %s (was %s, %d migrations applied)",
        result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
        result.initialSchemaVersion == null ? "empty" : result.initialSchemaVersion,
        result.migrationsExecuted);
  }
}
