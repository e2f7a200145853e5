package io.portcullis.core.application.internal;

import io.portcullis.core.application.BusinessException;
import io.portcullis.core.application.ConflictException;
import io.portcullis.core.application.GroupDraft;
import io.portcullis.core.application.GroupService;
import io.portcullis.core.application.GroupView;
import io.portcullis.core.application.UnknownObjectException;
import io.portcullis.core.domain.model.audit.AuditAction;
import io.portcullis.core.domain.model.group.Group;
import io.portcullis.core.domain.model.group.GroupRepository;
import io.portcullis.core.domain.model.location.Location;
import io.portcullis.core.domain.model.location.LocationRepository;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.core.domain.model.user.User;
import io.portcullis.core.application.security.AdminOnly;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * Groups. A group that a location names as allowed cannot be deleted: dropping the location's last allowed
 * group would silently open it to everyone.
 */
@Stateless
@AdminOnly
public class DefaultGroupService implements GroupService {

  static final String OBJECT_TYPE = "group";

  @Inject private GroupRepository groups;
  @Inject private LocationRepository locations;
  @EJB private AuditTrail audit;

  @Override
  public GroupView create(GroupDraft draft) throws BusinessException {
    if (groups.findByName(draft.name()).isPresent()) {
      throw new ConflictException("duplicate-name", "Group '" + draft.name() + "' exists");
    }
    Group group = new Group(draft.name(), draft.description(), Instant.now());
    groups.add(group);
    GroupView view = ViewAssembler.group(group);
    audit.record(AuditAction.CREATE, OBJECT_TYPE, group.id(), view.name(), null, view);
    return view;
  }

  @Override
  public GroupView get(long id) throws UnknownObjectException {
    return ViewAssembler.group(find(id));
  }

  @Override
  public Page<GroupView> list(String q, PageRequest page) {
    return groups.list(q, page).map(ViewAssembler::group);
  }

  @Override
  public GroupView update(long id, GroupDraft draft) throws BusinessException {
    Group group = find(id);
    GroupView before = ViewAssembler.group(group);
    var clash = groups.findByName(draft.name());
    if (clash.isPresent() && !clash.get().equals(group)) {
      throw new ConflictException("duplicate-name", "Group '" + draft.name() + "' exists");
    }
    group.rename(draft.name());
    group.describe(draft.description());
    GroupView after = ViewAssembler.group(group);
    audit.record(AuditAction.UPDATE, OBJECT_TYPE, id, after.name(), before, after);
    return after;
  }

  @Override
  public void delete(long id) throws BusinessException {
    Group group = find(id);
    List<String> users =
        locations.all().stream().filter(l -> l.allowedGroups().contains(group)).map(Location::name)
            .map(Object::toString).toList();
    if (!users.isEmpty()) {
      throw new ConflictException(
          "group-in-use", "Group '" + group.name() + "' is an allowed group of locations " + users);
    }
    GroupView before = ViewAssembler.group(group);
    for (User member : List.copyOf(group.members())) {
      member.groups().remove(group);
    }
    groups.remove(group);
    audit.record(AuditAction.DELETE, OBJECT_TYPE, id, before.name(), before, null);
  }

  private Group find(long id) throws UnknownObjectException {
    return groups.find(id).orElseThrow(() -> new UnknownObjectException("Group", id));
  }
}
