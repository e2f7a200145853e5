package io.portcullis.web.pages;

import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.DeviceService;
import io.portcullis.core.application.UserDraft;
import io.portcullis.core.application.UserService;
import io.portcullis.core.application.UserView;
import io.portcullis.core.domain.model.device.DeviceRepository.DeviceFilter;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.core.domain.model.user.EmailAddress;
import io.portcullis.core.domain.model.user.UserRepository.UserFilter;
import io.portcullis.core.domain.model.user.Username;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Users (administrators): search and page through them, create and edit, disable and delete after a confirmation
 * that says what happens to their devices. What Keycloak owns (the name of a linked account, its admin status) is
 * shown but not editable here.
 */
@Named
@ViewScoped
public class UsersPage implements Serializable {

  private static final long serialVersionUID = 1L;
  static final int MAX_PERSON_NAME = 100;

  @EJB private UserService users;
  @EJB private DeviceService devices;

  private String query;
  private String state = "all"; // all | enabled | disabled
  private final Users model = new Users();

  private boolean formOpen;
  private UserView editing; // null while creating
  private String username;
  private String email;
  private String firstName;
  private String lastName;
  private boolean enabled = true;
  private boolean admin;
  private String groups;

  private Pending pending;

  /** An action waiting for its confirmation, with the sentence that says what it will do. */
  public record Pending(String kind, long userId, String username, String consequence) implements Serializable {}

  /** The users matching the search, a page at a time from the core. */
  public final class Users extends LazyDataModel<UserView> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return (int) Math.min(Integer.MAX_VALUE, users.list(filter(), new PageRequest(0, 1)).total());
    }

    @Override
    public List<UserView> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      Page<UserView> page = users.list(filter(), new PageRequest(first, Math.min(pageSize, PageRequest.MAX_LIMIT)));
      setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
      return page.items();
    }

    @Override
    public String getRowKey(UserView user) {
      return Long.toString(user.id());
    }

    @Override
    public UserView getRowData(String rowKey) {
      return getWrappedData() == null ? null
          : ((List<UserView>) getWrappedData()).stream().filter(u -> getRowKey(u).equals(rowKey)).findFirst().orElse(null);
    }
  }

  private UserFilter filter() {
    Boolean enabledOnly = switch (state) {
      case "enabled" -> Boolean.TRUE;
      case "disabled" -> Boolean.FALSE;
      default -> null;
    };
    return new UserFilter(query == null || query.isBlank() ? null : query.strip(), null, enabledOnly, null);
  }

  public void startNew() {
    formOpen = true;
    editing = null;
    pending = null;
    username = email = firstName = lastName = groups = null;
    enabled = true;
    admin = false;
  }

  public void edit(long id) {
    try {
      UserView u = users.get(id);
      formOpen = true;
      pending = null;
      editing = u;
      username = u.username();
      email = u.email();
      firstName = u.firstName();
      lastName = u.lastName();
      enabled = u.enabled();
      admin = u.admin();
      groups = String.join("\n", u.groups());
    } catch (BusinessException e) {
      PageMessages.error(e.getMessage());
    }
  }

  public void save() {
    FormErrors errors = new FormErrors("user");
    Username name = errors.required("username", username, Username::of);
    EmailAddress mail = errors.optional("email", email, EmailAddress::of);
    String first = errors.optional("firstName", firstName, UsersPage::personName);
    String last = errors.optional("lastName", lastName, UsersPage::personName);
    List<Name> groupNames = errors.each("groups", groups, Name::of);
    if (errors.report()) {
      return;
    }
    UserDraft draft = new UserDraft(name, mail, first, last, enabled, admin, groupNames);
    try {
      UserView saved = editing == null ? users.create(draft) : users.update(editing.id(), draft);
      PageMessages.info("User '" + saved.username() + "' saved",
          editing == null && saved.externalId() != null ? "They set their password at their first login." : "");
      edit(saved.id());
    } catch (BusinessException e) {
      PageMessages.refused("user", e);
    }
  }

  /** Asks before disabling, enabling or deleting, saying what happens to the person's devices. */
  public void confirm(String kind, long id) {
    try {
      UserView u = users.get(id);
      long count = devices.list(new DeviceFilter(null, id, null, null), new PageRequest(0, 1)).total();
      boolean one = count == 1;
      String devicesText = one ? "their 1 device" : "their " + count + " devices";
      String consequence = switch (kind) {
        case "delete" -> "Delete " + u.username() + " for good? " + capitalized(devicesText)
            + (count == 0 ? " (none)" : "") + (one ? " is" : " are") + " deleted too and"
            + (one ? " leaves" : " leave") + " every gateway now"
            + (u.externalId() != null ? "; their Keycloak account is deleted as well." : ".");
        case "disable" -> "Disable " + u.username() + "? They can no longer log in, and " + devicesText
            + (one ? " leaves" : " leave") + " every gateway until they are enabled again. Nothing is deleted.";
        default -> "Enable " + u.username() + "? " + capitalized(devicesText) + (one ? " rejoins" : " rejoin")
            + " the gateways of their locations.";
      };
      pending = new Pending(kind, id, u.username(), consequence);
    } catch (BusinessException e) {
      PageMessages.error(e.getMessage());
    }
  }

  public void proceed() {
    if (pending == null) {
      return;
    }
    Pending action = pending;
    pending = null;
    try {
      if ("delete".equals(action.kind())) {
        users.delete(action.userId());
        if (editing != null && editing.id() == action.userId()) {
          formOpen = false;
          editing = null;
        }
        PageMessages.info("User '" + action.username() + "' deleted", "Their devices were deleted with them.");
      } else {
        UserView u = users.get(action.userId());
        boolean enable = !"disable".equals(action.kind());
        List<Name> names = u.groups().stream().map(Name::of).toList();
        users.update(u.id(), new UserDraft(Username.of(u.username()), u.email() == null ? null : EmailAddress.of(u.email()),
            u.firstName(), u.lastName(), enable, u.admin(), names));
        PageMessages.info("User '" + u.username() + "' " + (enable ? "enabled" : "disabled"), "");
        if (editing != null && editing.id() == u.id()) {
          edit(u.id());
        }
      }
    } catch (BusinessException e) {
      PageMessages.error(e.getMessage());
    }
  }

  public void cancel() {
    pending = null;
  }

  public void close() {
    formOpen = false;
    editing = null;
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String personName(String text) {
    String trimmed = text.strip();
    if (trimmed.length() > MAX_PERSON_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("must be at most " + MAX_PERSON_NAME + " characters without control characters");
    }
    return trimmed.isEmpty() ? null : trimmed;
  }

  /** Whether the name, e-mail and admin status come from Keycloak (a linked account) and are shown read-only. */
  public boolean isFromDirectory() {
    return editing != null && editing.externalId() != null && !"local".equals(editing.source());
  }

  public Users getModel() {
    return model;
  }

  public Pending getPending() {
    return pending;
  }

  public boolean isFormOpen() {
    return formOpen;
  }

  public UserView getEditing() {
    return editing;
  }

  public String getQuery() { return query; }
  public void setQuery(String query) { this.query = query; }
  public String getState() { return state; }
  public void setState(String state) { this.state = state; }
  public String getUsername() { return username; }
  public void setUsername(String username) { this.username = username; }
  public String getEmail() { return email; }
  public void setEmail(String email) { this.email = email; }
  public String getFirstName() { return firstName; }
  public void setFirstName(String firstName) { this.firstName = firstName; }
  public String getLastName() { return lastName; }
  public void setLastName(String lastName) { this.lastName = lastName; }
  public boolean isEnabled() { return enabled; }
  public void setEnabled(boolean enabled) { this.enabled = enabled; }
  public boolean isAdmin() { return admin; }
  public void setAdmin(boolean admin) { this.admin = admin; }
  public String getGroups() { return groups; }
  public void setGroups(String groups) { this.groups = groups; }
}
