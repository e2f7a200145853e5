package io.portcullis.core.application;

/** Tells whether the core can serve: the database answers and its schema version. */
public interface HealthService {

  /** Checks the database now; never throws. */
  Health check();

  /** The outcome of one check; {@code schemaVersion} is null when the database is down. */
  record Health(boolean databaseUp, String schemaVersion) {}
}
