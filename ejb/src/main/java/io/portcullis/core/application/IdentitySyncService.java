package io.portcullis.core.application;

import java.util.List;

/**
 * Brings Keycloak's people and groups into the core: imports users and groups, links records by username,
 * mirrors enabled state and memberships of the groups Keycloak knows, disables linked users Keycloak no longer
 * has. Runs periodically (PORTCULLIS_IDENTITY_SYNC_MINUTES) and on demand.
 */
public interface IdentitySyncService {

  /** What one run did. */
  record SyncReport(
      boolean enabled, int directoryUsers, int groupsCreated, int usersCreated, int usersLinked, int usersUpdated,
      int usersDisabled, List<String> problems) {}

  SyncReport sync();
}
