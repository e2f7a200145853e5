package io.portcullis.core.infrastructure.persistence;

import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The Flyway migration scripts of the core, listed by name instead of found by classpath scanning.
 *
 * <p>Inside an EAR the classpath is a JBoss VFS, which Flyway can only scan with the {@code org.jboss.vfs}
 * module visible; naming the scripts here works in every class loader and makes adding one a conscious
 * step: a new {@code V<n>__*.sql} must be added to {@link #SCRIPTS} as well (a unit test checks both agree).
 */
public final class MigrationScripts implements ResourceProvider {

  /** Where the scripts live in the ejb jar. */
  public static final String LOCATION = "db/migration";

  /** Every migration, oldest first. */
  public static final List<String> SCRIPTS = List.of("V1__baseline.sql", "V2__audit_and_indexes.sql", "V10__gateway_control.sql", "V20__identity.sql",
      "V21__gateway_certificate_renewal.sql",
      "V30__settings.sql");

  /** The schema version the newest script produces. */
  public static final String LATEST_VERSION = "30";

  private final ClassLoader classLoader;

  public MigrationScripts(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public LoadableResource getResource(String name) {
    String fileName = name.substring(name.lastIndexOf('/') + 1);
    return SCRIPTS.contains(fileName) ? new Script(fileName) : null;
  }

  @Override
  public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
    List<LoadableResource> found = new ArrayList<>();
    for (String script : SCRIPTS) {
      if (!script.startsWith(prefix)) {
        continue;
      }
      for (String suffix : suffixes) {
        if (script.endsWith(suffix)) {
          found.add(new Script(script));
          break;
        }
      }
    }
    return found;
  }

  /** One script, read from the class loader each time Flyway asks. */
  private final class Script extends LoadableResource {
    private final String fileName;

    Script(String fileName) {
      this.fileName = fileName;
    }

    @Override
    public Reader read() {
      URL url = classLoader.getResource(getRelativePath());
      if (url == null) {
        throw new IllegalStateException("migration script missing from the class path: " + getRelativePath());
      }
      try {
        return new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw new UncheckedIOException("cannot read migration script " + getRelativePath(), e);
      }
    }

    @Override
    public String getAbsolutePath() {
      return getRelativePath();
    }

    @Override
    public String getAbsolutePathOnDisk() {
      return getRelativePath();
    }

    @Override
    public String getFilename() {
      return fileName;
    }

    @Override
    public String getRelativePath() {
      return LOCATION + "/" + fileName;
    }
  }
}
