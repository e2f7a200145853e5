package io.portcullis.dev;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * A real PostgreSQL server run by the project itself, for {@code ./portcullis run} and the integration tests.
 *
 * <p>The data folder survives restarts. When the JVM runs as root, the server binaries drop to {@code nobody},
 * so the folder is made writable for everyone (it lives inside the project's own state folder).
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final String database;

  private EmbeddedDatabase(EmbeddedPostgres postgres, String database) {
    this.postgres = postgres;
    this.database = database;
  }

  /**
   * Starts PostgreSQL on {@code port} with its data in {@code dataDir} and makes sure the database {@code name}
   * exists, owned by the superuser {@code postgres} (password {@code postgres}, trust on loopback).
   */
  public static EmbeddedDatabase start(Path dataDir, int port, String name) throws IOException {
    Path dir = dataDir.toAbsolutePath();
    Files.createDirectories(dir);
    if (Files.exists(dir.resolve("PG_VERSION"))) {
      // An initialized cluster: PostgreSQL refuses to start unless its folder is 0700 (or 0750).
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } else {
      openUp(dir);
    }
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "200")
            .setPGStartupWait(java.time.Duration.ofSeconds(60))
            .start();
    EmbeddedDatabase db = new EmbeddedDatabase(pg, name);
    db.createDatabaseIfMissing();
    return db;
  }

  private static void openUp(Path dir) throws IOException {
    Path p = dir;
    // The server runs as nobody when we are root: it must reach and own-write its folder.
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
      for (Path parent = p.getParent(); parent != null; parent = parent.getParent()) {
        if (parent.toFile().canExecute()) {
          continue;
        }
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: nothing to do.
    }
  }

  private void createDatabaseIfMissing() {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "''") + "'")) {
        if (rs.next()) {
          return;
        }
      }
      s.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
    } catch (SQLException e) {
      throw new UncheckedIOException(new IOException("cannot create database " + database, e));
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }

  /**
   * Runs the database in the foreground until the process is told to stop (SIGTERM/SIGINT).
   *
   * <p>Arguments: {@code DATA_DIR PORT DATABASE}. Prints one line {@code READY <jdbc-url>} when it accepts
   * connections, so a script can wait for it.
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: EmbeddedDatabase DATA_DIR PORT DATABASE");
      System.exit(2);
    }
    EmbeddedDatabase db = start(Path.of(args[0]), Integer.parseInt(args[1]), args[2]);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    db.close();
                  } catch (IOException e) {
                    System.err.println("stopping PostgreSQL: " + e.getMessage());
                  }
                  stopped.countDown();
                }));
    System.out.println("READY " + db.jdbcUrl());
    System.out.flush();
    stopped.await();
  }
}
