package io.portcullis.core.domain.model.group;

import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import java.util.Optional;

/** Where groups are kept. */
public interface GroupRepository {

  Optional<Group> find(long id);

  Optional<Group> findByName(Name name);

  /** Groups whose name contains {@code q} (null = all), ordered by name. */
  Page<Group> list(String q, PageRequest page);

  void add(Group group);

  void remove(Group group);
}
