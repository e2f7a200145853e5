package io.portcullis.core.infrastructure.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The core's database schema: brings a database to a given (or the newest) version with Flyway and reads the
 * version back; plain Java so the migration tests can drive it against any data source.
 */
public final class DatabaseSchema {

  private final DataSource dataSource;

  public DatabaseSchema(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Applies every pending migration and returns Flyway's account of what it did. */
  public MigrateResult migrate() {
    return flyway(null).migrate();
  }

  /** Applies pending migrations up to and including {@code version}; for tests of upgrades. */
  public MigrateResult migrateTo(String version) {
    return flyway(version).migrate();
  }

  /** The version of the newest successfully applied migration, or empty on a database never migrated. */
  public Optional<String> currentVersion() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      if (!historyExists(connection)) {
        return Optional.empty();
      }
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL"
                  + " ORDER BY installed_rank DESC LIMIT 1")) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  private static boolean historyExists(Connection connection) throws SQLException {
    try (ResultSet tables = connection.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
      return tables.next();
    }
  }

  private Flyway flyway(String target) {
    ClassLoader loader = DatabaseSchema.class.getClassLoader();
    var configuration =
        Flyway.configure(loader)
            .dataSource(dataSource)
            .resourceProvider(new MigrationScripts(loader))
            .javaMigrationClassProvider(java.util.List::of)
            .locations("classpath:" + MigrationScripts.LOCATION)
            .validateMigrationNaming(true);
    if (target != null) {
      configuration.target(target);
    }
    return configuration.load();
  }
}
