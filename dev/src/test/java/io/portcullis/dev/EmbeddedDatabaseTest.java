package io.portcullis.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database keeps its data across a stop and a start on the same folder. */
class EmbeddedDatabaseTest {
  @TempDir Path dir;

  @Test
  void dataSurvivesARestart() throws Exception {
    Path data = dir.resolve("pgdata");
    try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0, "portcullis");
        var c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kept (v text)");
      s.execute("INSERT INTO kept VALUES ('still here')");
    }
    try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0, "portcullis");
        var c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("still here");
    }
  }
}
