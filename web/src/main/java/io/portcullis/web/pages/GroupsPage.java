package io.portcullis.web.pages;

import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.GroupDraft;
import io.portcullis.core.application.GroupService;
import io.portcullis.core.application.GroupView;
import io.portcullis.core.application.LocationService;
import io.portcullis.core.application.LocationView;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.shared.PageRequest;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Groups (administrators): who is in each and which locations admit it; create, rename, describe, delete. People
 * join and leave groups on the users page (or in Keycloak, for the accounts that come from there); a location lists
 * the groups it admits, so a group still listed by a location cannot be deleted, and the confirmation says so first.
 */
@Named
@ViewScoped
public class GroupsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB private GroupService groups;
  @EJB private LocationService locations;

  private String query;
  private boolean formOpen;
  private GroupView editing; // null while creating
  private String name;
  private String description;
  private Pending pending;
  private final PerRequest<List<Row>> rows = new PerRequest<>();

  /** One group with the locations that admit it. */
  public record Row(GroupView group, List<String> locations) {
    public String memberList() {
      return String.join(", ", group.members());
    }

    public String locationList() {
      return String.join(", ", locations);
    }
  }

  /** A deletion waiting for its confirmation, with what it will do. */
  public record Pending(long groupId, String name, String consequence, boolean possible) implements Serializable {}

  public List<Row> getGroups() {
    return rows.get(() -> {
      List<LocationView> all = allLocations();
      return groups.list(query == null || query.isBlank() ? null : query.strip(), new PageRequest(0, PageRequest.MAX_LIMIT))
          .items().stream()
          .map(g -> new Row(g, all.stream().filter(l -> l.allowedGroups().contains(g.name())).map(LocationView::name).toList()))
          .toList();
    });
  }

  private List<LocationView> allLocations() {
    return locations.list(null, new PageRequest(0, PageRequest.MAX_LIMIT)).items();
  }

  public void startNew() {
    editing = null;
    name = null;
    description = null;
    formOpen = true;
  }

  public void edit(long id) {
    try {
      editing = groups.get(id);
      name = editing.name();
      description = editing.description();
      formOpen = true;
    } catch (BusinessException e) {
      PageMessages.error(e.getMessage());
    }
  }

  public void save() {
    FormErrors errors = new FormErrors("group");
    Name parsed = errors.required("name", name, Name::of);
    if (errors.report()) {
      return;
    }
    String text = description == null || description.isBlank() ? null : description.strip();
    try {
      GroupView saved = editing == null ? groups.create(new GroupDraft(parsed, text)) : groups.update(editing.id(), new GroupDraft(parsed, text));
      PageMessages.info("Group '" + saved.name() + "' saved", null);
      rows.clear();
      formOpen = false;
      editing = null;
    } catch (BusinessException e) {
      PageMessages.refused("group", e);
    }
  }

  public void close() {
    formOpen = false;
    editing = null;
  }

  public void askDelete(long id) {
    try {
      GroupView g = groups.get(id);
      List<String> admitting = allLocations().stream()
          .filter(l -> l.allowedGroups().contains(g.name())).map(LocationView::name).toList();
      if (!admitting.isEmpty()) {
        pending = new Pending(id, g.name(), "Group " + g.name() + " cannot be deleted: the locations " + admitting
            + " admit it. Remove it from their allowed groups first.", false);
      } else {
        pending = new Pending(id, g.name(), "Delete group " + g.name() + "? Its " + g.members().size()
            + " member(s) stay, without this group. No location admits it, so nobody loses access.", true);
      }
    } catch (BusinessException e) {
      PageMessages.error(e.getMessage());
    }
  }

  public void delete() {
    if (pending == null || !pending.possible()) {
      return;
    }
    try {
      groups.delete(pending.groupId());
      PageMessages.info("Group '" + pending.name() + "' deleted", null);
      rows.clear();
    } catch (BusinessException e) {
      PageMessages.error(e.getMessage());
    }
    pending = null;
  }

  public void cancel() {
    pending = null;
  }

  public Pending getPending() { return pending; }
  public boolean isFormOpen() { return formOpen; }
  public GroupView getEditing() { return editing; }
  public String getQuery() { return query; }
  public void setQuery(String query) {
    this.query = query;
    rows.clear();
  }
  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getDescription() { return description; }
  public void setDescription(String description) { this.description = description; }
}
