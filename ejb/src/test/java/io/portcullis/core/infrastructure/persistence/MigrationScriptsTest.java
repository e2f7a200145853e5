package io.portcullis.core.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.api.resource.LoadableResource;
import org.junit.jupiter.api.Test;

class MigrationScriptsTest {

  private final MigrationScripts scripts = new MigrationScripts(getClass().getClassLoader());

  @Test
  void listsExactlyTheScriptsInTheSourceTree() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources", MigrationScripts.LOCATION))) {
      List<String> onDisk = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(MigrationScripts.SCRIPTS).containsExactlyInAnyOrderElementsOf(onDisk);
    }
  }

  @Test
  void latestVersionIsTheNewestScript() {
    String newest = MigrationScripts.SCRIPTS.get(MigrationScripts.SCRIPTS.size() - 1);
    assertThat(newest).startsWith("V" + MigrationScripts.LATEST_VERSION + "__");
  }

  @Test
  void findsScriptsByPrefixAndSuffixAndReadsThem() throws IOException {
    List<LoadableResource> found = List.copyOf(scripts.getResources("V", new String[] {".sql"}));
    assertThat(found).extracting(LoadableResource::getFilename).containsExactlyElementsOf(MigrationScripts.SCRIPTS);
    assertThat(scripts.getResources("R", new String[] {".sql"})).isEmpty();
    try (BufferedReader reader = new BufferedReader(found.get(0).read())) {
      assertThat(reader.lines()).anyMatch(line -> line.contains("CREATE TABLE portcullis_user"));
    }
    assertThat(scripts.getResource("db/migration/V1__baseline.sql")).isNotNull();
    assertThat(scripts.getResource("db/migration/V9__nothing.sql")).isNull();
  }
}
