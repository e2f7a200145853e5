package io.portcullis.core.application.internal;

import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.GroupDraft;
import io.portcullis.core.application.GroupService;
import io.portcullis.core.application.IdentityDirectory;
import io.portcullis.core.application.IdentityDirectory.DirectoryUser;
import io.portcullis.core.application.IdentitySyncService;
import io.portcullis.core.application.UserDraft;
import io.portcullis.core.application.UserService;
import io.portcullis.core.application.UserView;
import io.portcullis.core.application.security.AdminOnly;
import io.portcullis.core.domain.model.group.GroupRepository;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.user.User;
import io.portcullis.core.domain.model.user.UserRepository;
import io.portcullis.core.domain.model.user.Username;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keycloak → core. Each change goes through the user service (one transaction per person), so memberships
 * re-check device addresses and gateways get the change like any other edit; everything is audited.
 */
@Stateless
@AdminOnly
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultIdentitySync implements IdentitySyncService {

  private static final Logger LOG = Logger.getLogger(DefaultIdentitySync.class);

  @Inject private IdentityDirectory directory;
  @Inject private UserRepository users;
  @Inject private GroupRepository groups;
  @Inject private IdentitySettings settings;
  @EJB private GroupService groupService;
  @EJB private UserService userService;
  @EJB private DirectoryImport imports;
  @EJB private LocalUsers localUsers;

  @Override
  public SyncReport sync() {
    if (!directory.enabled()) {
      return new SyncReport(false, 0, 0, 0, 0, 0, 0, List.of());
    }
    List<DirectoryUser> people = directory.users();
    List<String> directoryGroups = directory.groups();
    List<String> problems = new ArrayList<>();
    int groupsCreated = 0;
    for (String name : directoryGroups) {
      try {
        Name groupName = Name.of(name);
        if (groups.findByName(groupName).isEmpty()) {
          groupService.create(new GroupDraft(groupName, "Imported from Keycloak"));
          groupsCreated++;
        }
      } catch (BusinessException | IllegalArgumentException e) {
        problems.add("group '" + name + "': " + e.getMessage());
      }
    }
    Set<String> knownGroups = new HashSet<>(directoryGroups);
    int created = 0;
    int linked = 0;
    int updated = 0;
    Set<String> seen = new HashSet<>();
    Map<String, User> byExternalId = localUsers.linked().stream().collect(Collectors.toMap(User::externalId, Function.identity()));
    for (DirectoryUser person : people) {
      seen.add(person.id());
      try {
        Long id = byExternalId.containsKey(person.id()) ? byExternalId.get(person.id()).id() : null;
        if (id == null) {
          var sameName = users.findByUsername(Username.of(person.username()));
          if (sameName.isPresent() && sameName.get().externalId() == null) {
            imports.link(sameName.get().id(), person.id());
            id = sameName.get().id();
            linked++;
          } else if (sameName.isPresent()) {
            problems.add("user '" + person.username() + "': the local user is linked to another Keycloak user");
            continue;
          } else {
            id = imports.create(person);
            created++;
          }
        }
        if (mirror(id, person, knownGroups)) {
          updated++;
        }
      } catch (BusinessException | RuntimeException e) {
        problems.add("user '" + person.username() + "': " + e.getMessage());
      }
    }
    int disabled = 0;
    if (people.isEmpty() && !byExternalId.isEmpty()) {
      problems.add("Keycloak lists no users while " + byExternalId.size() + " are linked: not disabling anyone (wrong realm?)");
    } else {
      for (User user : byExternalId.values()) {
        if (!seen.contains(user.externalId()) && user.enabled()) {
          try {
            UserView v = userService.get(user.id());
            userService.update(user.id(), draft(v, false, v.admin(), v.groups()));
            disabled++;
            LOG.infof("Disabled user '%s': Keycloak no longer has user %s", v.username(), user.externalId());
          } catch (BusinessException | RuntimeException e) {
            problems.add("user '" + user.username() + "': " + e.getMessage());
          }
        }
      }
    }
    SyncReport report = new SyncReport(true, people.size(), groupsCreated, created, linked, updated, disabled, List.copyOf(problems));
    LOG.infof("Keycloak sync: %d people, %d groups created, %d users created, %d linked, %d updated, %d disabled, %d problems",
        people.size(), groupsCreated, created, linked, updated, disabled, problems.size());
    problems.forEach(p -> LOG.warnf("Keycloak sync: %s", p));
    return report;
  }

  /** Makes enabled state, admin flag and Keycloak-known memberships match; answers whether anything changed. */
  private boolean mirror(long id, DirectoryUser person, Set<String> knownGroups) throws BusinessException {
    UserView v = userService.get(id);
    Set<String> wanted = new TreeSet<>();
    v.groups().stream().filter(g -> !knownGroups.contains(g)).forEach(wanted::add);
    person.groups().stream().filter(g -> groups.findByName(Name.of(g)).isPresent()).forEach(wanted::add);
    // As at sign-in: the admin realm role (direct) or the admin group makes an administrator.
    boolean admin = person.adminRole() || person.groups().contains(settings.adminGroup());
    if (v.enabled() == person.enabled() && new TreeSet<>(v.groups()).equals(wanted) && v.admin() == admin) {
      return false;
    }
    userService.update(id, draft(v, person.enabled(), admin, List.copyOf(wanted)));
    return true;
  }

  private static UserDraft draft(UserView v, boolean enabled, boolean admin, List<String> groupNames) {
    return new UserDraft(
        Username.of(v.username()),
        DirectoryImport.email(v.email()),
        v.firstName(),
        v.lastName(),
        enabled,
        admin,
        groupNames.stream().map(Name::of).toList());
  }
}
