package io.portcullis.core.application.internal;

import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.ConfigurationChanged;
import io.portcullis.core.application.ConflictException;
import io.portcullis.core.application.FieldError;
import io.portcullis.core.application.RuleViolationException;
import io.portcullis.core.application.UnknownObjectException;
import io.portcullis.core.application.UserDraft;
import io.portcullis.core.application.UserService;
import io.portcullis.core.application.UserView;
import io.portcullis.core.domain.model.audit.AuditAction;
import io.portcullis.core.domain.model.device.Device;
import io.portcullis.core.domain.model.device.DeviceRepository;
import io.portcullis.core.domain.model.group.Group;
import io.portcullis.core.domain.model.group.GroupRepository;
import io.portcullis.core.domain.model.location.LocationRepository;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.core.domain.model.user.User;
import io.portcullis.core.domain.model.user.UserRepository;
import io.portcullis.core.domain.model.user.UserRepository.UserFilter;
import io.portcullis.core.application.security.AdminOnly;
import io.portcullis.core.application.security.Access;
import io.portcullis.core.application.IdentityDirectory;
import io.portcullis.core.domain.model.user.UserSource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Users: creation, updates that re-check device access, deletion with the user's devices. */
@Stateless
public class DefaultUserService implements UserService {

  static final String OBJECT_TYPE = "user";

  @Inject private UserRepository users;
  @Inject private GroupRepository groups;
  @Inject private DeviceRepository devices;
  @Inject private LocationRepository locations;
  @Inject private AddressAssignments assignments;
  @Inject private Event<ConfigurationChanged> changes;
  @Inject private Access access;
  @Inject private IdentityDirectory directory;
  @EJB private AuditTrail audit;

  @Override
  @AdminOnly
  public UserView create(UserDraft draft) throws BusinessException {
    if (users.findByUsername(draft.username()).isPresent()) {
      throw new ConflictException("duplicate-username", "Username '" + draft.username() + "' is taken");
    }
    User user = new User(draft.username(), Instant.now());
    apply(user, draft, resolveGroups(draft.groups()));
    users.add(user);
    if (directory.enabled()) {
      // Linked or created in Keycloak in this transaction: if Keycloak refuses, nothing is kept here.
      String id = directory.provision(user.username().value(), draft.email() == null ? null : draft.email().value(),
          draft.firstName(), draft.lastName(), draft.enabled());
      var owner = users.findByExternalId(id).filter(other -> !other.equals(user));
      if (owner.isPresent()) {
        // Keycloak matched this username or e-mail to a person who already has a record here.
        throw new ConflictException("identity-conflict", "The Keycloak account matching '" + user.username()
            + "' (by username or e-mail) belongs to user '" + owner.get().username() + "'");
      }
      user.link(id, UserSource.LOCAL);
    }
    UserView view = ViewAssembler.user(user);
    audit.record(AuditAction.CREATE, OBJECT_TYPE, user.id(), view.username(), null, view);
    return view;
  }

  @Override
  public UserView get(long id) throws UnknownObjectException {
    access.requireSelfOrAdmin(id);
    return ViewAssembler.user(find(id));
  }

  @Override
  @AdminOnly
  public Page<UserView> list(UserFilter filter, PageRequest page) {
    return users.list(filter, page).map(ViewAssembler::user);
  }

  @Override
  @AdminOnly
  public UserView update(long id, UserDraft draft) throws BusinessException {
    User user = find(id);
    UserView before = ViewAssembler.user(user);
    var clash = users.findByUsername(draft.username());
    if (clash.isPresent() && !clash.get().equals(user)) {
      throw new ConflictException("duplicate-username", "Username '" + draft.username() + "' is taken");
    }
    List<Group> newGroups = resolveGroups(draft.groups());
    apply(user, draft, newGroups);
    Set<Long> changed = new HashSet<>();
    if (!before.groups().equals(ViewAssembler.user(user).groups())) {
      changed.addAll(assignments.reconcile(devices.ownedBy(user), locations.all()));
    }
    if (before.enabled() != user.enabled()) {
      // Enabling or disabling a user adds or removes all its devices' peers at the gateways.
      devices.ownedBy(user).forEach(d -> d.addresses().forEach(a -> changed.add(a.location().id())));
    }
    UserView after = ViewAssembler.user(user);
    if (user.externalId() != null && directory.enabled()) {
      followedByDirectory(user, before, after);
    }
    audit.record(AuditAction.UPDATE, OBJECT_TYPE, user.id(), after.username(), before, after);
    changes.fire(ConfigurationChanged.ofUsers(changed, Set.of(user.id()), "user " + after.username() + " changed"));
    return after;
  }

  @Override
  @AdminOnly
  public void delete(long id) throws UnknownObjectException {
    User user = find(id);
    UserView before = ViewAssembler.user(user);
    Set<Long> changed = new HashSet<>();
    for (Device device : devices.ownedBy(user)) {
      device.addresses().forEach(a -> changed.add(a.location().id()));
      audit.record(AuditAction.DELETE, DefaultDeviceService.OBJECT_TYPE, device.id(), device.name().value(),
          ViewAssembler.device(device), null);
      devices.remove(device);
    }
    user.setGroups(List.of());
    users.remove(user);
    if (user.externalId() != null && directory.enabled()) {
      directory.delete(user.externalId());
    }
    audit.record(AuditAction.DELETE, OBJECT_TYPE, id, before.username(), before, null);
    changes.fire(ConfigurationChanged.ofUsers(changed, Set.of(id), "user " + before.username() + " deleted"));
  }

  private User find(long id) throws UnknownObjectException {
    return users.find(id).orElseThrow(() -> new UnknownObjectException("User", id));
  }

  private List<Group> resolveGroups(List<Name> names) throws RuleViolationException {
    List<Group> found = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      var group = groups.findByName(names.get(i));
      if (group.isPresent()) {
        found.add(group.get());
      } else {
        errors.add(new FieldError("groups[" + i + "]", "group '" + names.get(i) + "' does not exist"));
      }
    }
    if (!errors.isEmpty()) {
      throw new RuleViolationException("Unknown groups", errors);
    }
    return found;
  }

  /**
   * Keycloak follows what changed here: the enabled state always; the username, e-mail and names of a person created
   * here (an account that comes from Keycloak is kept there, and the sync brings its values back). A refusal undoes
   * the whole update.
   */
  private void followedByDirectory(User user, UserView before, UserView after) throws BusinessException {
    boolean profileChanged = !Objects.equals(before.username(), after.username())
        || !Objects.equals(before.email(), after.email())
        || !Objects.equals(before.firstName(), after.firstName())
        || !Objects.equals(before.lastName(), after.lastName());
    if (profileChanged && user.source() == UserSource.LOCAL) {
      boolean done;
      try {
        done = directory.updateProfile(user.externalId(), after.username(), after.email(), after.firstName(), after.lastName());
      } catch (IllegalArgumentException refused) {
        // For example a realm that does not let accounts be renamed ("Edit username" off).
        String field = Objects.equals(before.username(), after.username()) ? "email" : "username";
        throw new RuleViolationException(refused.getMessage(), List.of(new FieldError(field, refused.getMessage())));
      }
      if (!done) {
        throw new ConflictException("identity-conflict", "Keycloak has another account with the username '"
            + after.username() + "'" + (after.email() == null ? "" : " or the e-mail '" + after.email() + "'"));
      }
    }
    if (before.enabled() != after.enabled()) {
      directory.setEnabled(user.externalId(), after.enabled());
    }
  }

  private static void apply(User user, UserDraft draft, List<Group> newGroups) {
    user.rename(draft.username());
    user.setEmail(draft.email());
    user.setNames(draft.firstName(), draft.lastName());
    user.setEnabled(draft.enabled());
    user.setAdmin(draft.admin());
    user.setGroups(newGroups);
  }
}
