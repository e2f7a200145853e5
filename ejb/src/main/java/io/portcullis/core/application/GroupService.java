package io.portcullis.core.application;

import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;

/** Managing groups; deleting one re-checks the access of its members' devices. */
public interface GroupService {

  GroupView create(GroupDraft draft) throws BusinessException;

  GroupView get(long id) throws UnknownObjectException;

  Page<GroupView> list(String q, PageRequest page);

  GroupView update(long id, GroupDraft draft) throws BusinessException;

  void delete(long id) throws BusinessException;
}
