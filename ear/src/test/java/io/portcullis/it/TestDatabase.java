package io.portcullis.it;

import io.portcullis.dev.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts a fresh, real PostgreSQL once per test run, before Arquillian starts WildFly, and stops it at the end.
 *
 * <p>Active only when failsafe sets {@code portcullis.it.dataDir}; the port comes from {@code
 * PORTCULLIS_DB_PORT}, the same variable the WildFly datasource reads (WildFly inherits the test JVM's
 * environment).
 */
public final class TestDatabase implements LauncherSessionListener {
  private static EmbeddedDatabase database;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String dataDir = System.getProperty("portcullis.it.dataDir");
    if (dataDir == null || database != null) {
      return;
    }
    try {
      Path dir = Path.of(dataDir);
      deleteRecursively(dir);
      database =
          EmbeddedDatabase.start(dir, Integer.parseInt(System.getenv("PORTCULLIS_DB_PORT")), "portcullis");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the test PostgreSQL", e);
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (database != null) {
      try {
        database.close();
      } catch (IOException e) {
        System.err.println("stopping the test PostgreSQL: " + e.getMessage());
      }
      database = null;
    }
  }

  /** The JDBC URL of the test database (user and password {@code postgres}). */
  public static String jdbcUrl() {
    if (database == null) {
      throw new IllegalStateException("the test database runs only under failsafe (mvn verify)");
    }
    return database.jdbcUrl();
  }

  /** A JDBC URL for another database on the same server, created empty if missing. */
  public static String createDatabase(String name) {
    String url = jdbcUrl();
    try (var c = java.sql.DriverManager.getConnection(url, "postgres", "postgres");
        var s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS \"" + name + "\"");
      s.execute("CREATE DATABASE \"" + name + "\"");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return url.substring(0, url.lastIndexOf('/') + 1) + name;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
