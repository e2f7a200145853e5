package io.portcullis.core.application;

import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.core.domain.model.user.UserRepository.UserFilter;

/** Managing users; changing a user's groups adds or removes their devices' addresses in the same transaction. */
public interface UserService {

  UserView create(UserDraft draft) throws BusinessException;

  UserView get(long id) throws UnknownObjectException;

  Page<UserView> list(UserFilter filter, PageRequest page);

  UserView update(long id, UserDraft draft) throws BusinessException;

  /** Deletes the user and their devices. */
  void delete(long id) throws UnknownObjectException;
}
