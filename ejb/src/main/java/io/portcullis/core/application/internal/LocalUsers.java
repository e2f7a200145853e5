package io.portcullis.core.application.internal;

import io.portcullis.core.domain.model.user.User;
import io.portcullis.core.domain.model.user.UserRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/** Read helpers that need a transaction (the sync itself runs without one). */
@Stateless
public class LocalUsers {

  @Inject private UserRepository users;

  public List<User> linked() {
    return users.linked();
  }
}
