package io.portcullis.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.core.infrastructure.persistence.DatabaseSchema;
import io.portcullis.core.infrastructure.persistence.MigrationScripts;
import io.portcullis.it.Deployments;
import io.portcullis.it.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The schema migrations: the deployed application migrated the empty test database to the newest version,
 * and a database left at the previous version, with data in it, upgrades without losing that data.
 */
@ExtendWith(ArquillianExtension.class)
class SchemaMigrationIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private static PGSimpleDataSource dataSource(String url) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser("postgres");
    ds.setPassword("postgres");
    return ds;
  }

  private static List<String> appliedVersions(PGSimpleDataSource ds) throws Exception {
    List<String> versions = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT version, success FROM flyway_schema_history ORDER BY installed_rank")) {
      while (rows.next()) {
        assertThat(rows.getBoolean(2)).as("migration %s succeeded", rows.getString(1)).isTrue();
        versions.add(rows.getString(1));
      }
    }
    return versions;
  }

  /** Every version in the migration list, oldest first ("V10__x.sql" is version 10). */
  private static List<String> allVersions() {
    return MigrationScripts.SCRIPTS.stream().map(s -> s.substring(1, s.indexOf("__"))).toList();
  }

  @Test
  void theDeploymentMigratedTheEmptyDatabaseToTheNewestVersion() throws Exception {
    assertThat(allVersions()).endsWith(MigrationScripts.LATEST_VERSION);
    assertThat(appliedVersions(dataSource(TestDatabase.jdbcUrl()))).containsExactlyElementsOf(allVersions());
    ApiFixtures.api().get("/health").then().statusCode(200)
        .body("schemaVersion", org.hamcrest.Matchers.equalTo(MigrationScripts.LATEST_VERSION));
  }

  @Test
  void aDatabaseAtThePreviousVersionUpgradesWithItsData() throws Exception {
    PGSimpleDataSource ds = dataSource(TestDatabase.createDatabase("portcullis_upgrade"));
    DatabaseSchema schema = new DatabaseSchema(ds);
    schema.migrateTo("1");
    assertThat(schema.currentVersion()).contains("1");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO portcullis_user (username, created_at) VALUES ('legacy', now())");
      s.execute(
          "INSERT INTO vpn_location (name, endpoint_host, endpoint_port, listen_port, allowed_ips, public_key,"
              + " private_key, created_at) VALUES ('old-site', 'vpn.example.com', 51820, 51820, '', 'pub', 'priv', now())");
      s.execute(
          "INSERT INTO device (user_id, name, public_key, created_at)"
              + " SELECT id, 'old-laptop', 'key', now() FROM portcullis_user WHERE username = 'legacy'");
      assertThat(tableExists(s, "audit_event")).isFalse();
    }

    var result = schema.migrate();
    assertThat(result.migrationsExecuted).isEqualTo(MigrationScripts.SCRIPTS.size() - 1);
    assertThat(schema.currentVersion()).contains(MigrationScripts.LATEST_VERSION);
    assertThat(appliedVersions(ds)).containsExactlyElementsOf(allVersions());
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      assertThat(tableExists(s, "audit_event")).isTrue();
      try (ResultSet rows = s.executeQuery(
          "SELECT u.username, d.name FROM device d JOIN portcullis_user u ON u.id = d.user_id")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("legacy");
        assertThat(rows.getString(2)).isEqualTo("old-laptop");
      }
    }
    // Migrating again is a no-op.
    assertThat(schema.migrate().migrationsExecuted).isZero();
  }

  private static boolean tableExists(Statement s, String table) throws Exception {
    try (ResultSet rows = s.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
      rows.next();
      return rows.getBoolean(1);
    }
  }
}
