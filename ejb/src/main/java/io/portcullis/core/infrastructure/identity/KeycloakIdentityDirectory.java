package io.portcullis.core.infrastructure.identity;

import io.portcullis.core.application.DirectoryUnavailableException;
import io.portcullis.core.application.IdentityDirectory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Keycloak's admin API through keycloak-admin-client, authenticated as the {@code portcullis-core} service
 * account (client credentials). Every failure becomes a {@link DirectoryUnavailableException} naming the call.
 */
@ApplicationScoped
public class KeycloakIdentityDirectory implements IdentityDirectory {

  private static final Logger LOG = Logger.getLogger(KeycloakIdentityDirectory.class);
  private static final int PAGE = 200;

  @Inject private KeycloakSettings settings;

  private Keycloak client;
  /** The settings {@link #client} was built with; a change (an operator's write to a system property) rebuilds it. */
  private Connection clientSettings;

  /** Where and as whom the admin client connects. */
  private record Connection(String url, String realm, String clientId, String clientSecret) {}

  @Override
  public boolean enabled() {
    return settings.provisioning();
  }

  private synchronized RealmResource realm() {
    Connection current = new Connection(settings.url(), settings.realm(), settings.clientId(), settings.clientSecret());
    if (client != null && !current.equals(clientSettings)) {
      LOG.infof("Keycloak admin client settings changed (now %s, realm %s): reconnecting", current.url(), current.realm());
      client.close();
      client = null;
    }
    if (client == null) {
      clientSettings = current;
      client = KeycloakBuilder.builder()
          .serverUrl(current.url())
          .realm(current.realm())
          .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
          .clientId(current.clientId())
          .clientSecret(current.clientSecret())
          .build();
    }
    return client.realm(current.realm());
  }

  @Override
  public String provision(String username, String email, String firstName, String lastName, boolean enabled) {
    return call("provision user " + username, () -> {
      RealmResource realm = realm();
      List<UserRepresentation> found = realm.users().searchByUsername(username, true);
      if (found.isEmpty() && email != null) {
        found = realm.users().searchByEmail(email, true);
      }
      if (!found.isEmpty()) {
        LOG.infof("Linked user '%s' to the existing Keycloak user %s", username, found.get(0).getId());
        return found.get(0).getId();
      }
      UserRepresentation user = new UserRepresentation();
      user.setUsername(username);
      user.setEmail(email);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      user.setEnabled(enabled);
      user.setRequiredActions(List.of("UPDATE_PASSWORD"));
      try (Response r = realm.users().create(user)) {
        if (r.getStatus() == 409) {
          // Created meanwhile (a concurrent request for the same person): link to it.
          List<UserRepresentation> now = realm.users().searchByUsername(username, true);
          if (!now.isEmpty()) {
            return now.get(0).getId();
          }
        }
        if (r.getStatus() != 201) {
          throw new WebApplicationException("Keycloak answered " + r.getStatus() + " " + r.readEntity(String.class), r.getStatus());
        }
        String location = r.getLocation().getPath();
        String id = location.substring(location.lastIndexOf('/') + 1);
        LOG.infof("Created Keycloak user '%s' (%s), who sets a password at first login", username, id);
        return id;
      }
    });
  }

  @Override
  public void setEnabled(String id, boolean enabled) {
    call("enable/disable user " + id, () -> {
      var resource = realm().users().get(id);
      UserRepresentation user;
      try {
        user = resource.toRepresentation();
      } catch (NotFoundException gone) {
        LOG.infof("Keycloak user %s no longer exists: nothing to enable or disable there", id);
        return null;
      }
      if (!Boolean.valueOf(enabled).equals(user.isEnabled())) {
        user.setEnabled(enabled);
        resource.update(user);
      }
      return null;
    });
  }

  @Override
  public boolean updateProfile(String id, String username, String email, String firstName, String lastName) {
    return call("update user " + id, () -> {
      var resource = realm().users().get(id);
      UserRepresentation user;
      try {
        user = resource.toRepresentation();
      } catch (NotFoundException gone) {
        LOG.infof("Keycloak user %s no longer exists: no profile to update there", id);
        return true;
      }
      user.setUsername(username);
      user.setEmail(email);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      try {
        resource.update(user);
      } catch (ClientErrorException refused) {
        if (refused.getResponse().getStatus() == 409) {
          return false;
        }
        if (refused.getResponse().getStatus() == 400) {
          String said = refused.getResponse().hasEntity() ? refused.getResponse().readEntity(String.class) : "";
          throw new IllegalArgumentException("Keycloak refused the new profile" + (said.isBlank() ? "" : ": " + said));
        }
        throw refused;
      }
      LOG.infof("Updated the profile of Keycloak user %s ('%s')", id, username);
      return true;
    });
  }

  @Override
  public void delete(String id) {
    call("delete user " + id, () -> {
      try (Response r = realm().users().delete(id)) {
        if (r.getStatus() != 204 && r.getStatus() != 404) {
          throw new WebApplicationException("Keycloak answered " + r.getStatus(), r.getStatus());
        }
      }
      return null;
    });
  }

  @Override
  public List<DirectoryUser> users() {
    return call("list users", () -> {
      RealmResource realm = realm();
      Map<String, Set<String>> groupsOf = new HashMap<>();
      for (GroupRepresentation group : allGroups(realm)) {
        for (int first = 0; ; first += PAGE) {
          List<UserRepresentation> members = realm.groups().group(group.getId()).members(first, PAGE, true);
          members.forEach(m -> groupsOf.computeIfAbsent(m.getId(), k -> new HashSet<>()).add(group.getName()));
          if (members.size() < PAGE) {
            break;
          }
        }
      }
      Set<String> admins = new HashSet<>();
      try {
        realm.roles().get("admin").getUserMembers(0, 100_000).forEach(u -> admins.add(u.getId()));
      } catch (NotFoundException noSuchRole) {
        // A realm without the admin role: administrators come from the admin group only.
      }
      List<DirectoryUser> users = new ArrayList<>();
      for (int first = 0; ; first += PAGE) {
        List<UserRepresentation> page = realm.users().list(first, PAGE);
        for (UserRepresentation u : page) {
          if (u.getServiceAccountClientId() != null || u.getUsername().startsWith("service-account-")) {
            continue;
          }
          users.add(new DirectoryUser(u.getId(), u.getUsername(), u.getEmail(), u.getFirstName(), u.getLastName(),
              Boolean.TRUE.equals(u.isEnabled()), Set.copyOf(groupsOf.getOrDefault(u.getId(), Set.of())),
              admins.contains(u.getId())));
        }
        if (page.size() < PAGE) {
          break;
        }
      }
      return users;
    });
  }

  @Override
  public List<String> groups() {
    return call("list groups", () -> allGroups(realm()).stream().map(GroupRepresentation::getName).distinct().toList());
  }

  private static List<GroupRepresentation> allGroups(RealmResource realm) {
    List<GroupRepresentation> all = new ArrayList<>();
    List<GroupRepresentation> level = realm.groups().groups(null, 0, 10_000, false);
    while (!level.isEmpty()) {
      all.addAll(level);
      List<GroupRepresentation> next = new ArrayList<>();
      for (GroupRepresentation g : level) {
        if (g.getSubGroupCount() != null && g.getSubGroupCount() > 0) {
          next.addAll(realm.groups().group(g.getId()).getSubGroups(0, 10_000, false));
        }
      }
      level = next;
    }
    return all;
  }

  private <T> T call(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (NotFoundException e) {
      throw new DirectoryUnavailableException("Keycloak: " + what + ": not found", e);
    } catch (WebApplicationException | ProcessingException e) {
      LOG.warnf("Keycloak admin API failed to %s: %s", what, e.getMessage());
      throw new DirectoryUnavailableException("Keycloak could not " + what + ": " + e.getMessage(), e);
    }
  }

  @PreDestroy
  synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
