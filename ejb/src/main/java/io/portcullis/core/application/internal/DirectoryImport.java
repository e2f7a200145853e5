package io.portcullis.core.application.internal;

import io.portcullis.core.application.IdentityDirectory.DirectoryUser;
import io.portcullis.core.domain.model.audit.AuditAction;
import io.portcullis.core.domain.model.user.EmailAddress;
import io.portcullis.core.domain.model.user.User;
import io.portcullis.core.domain.model.user.UserRepository;
import io.portcullis.core.domain.model.user.UserSource;
import io.portcullis.core.domain.model.user.Username;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;

/** One imported or linked person per transaction, so one bad record does not undo the others. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DirectoryImport {

  @Inject private UserRepository users;
  @EJB private AuditTrail audit;

  /** Creates the local record of a directory person (disabled there: disabled here). Answers its id. */
  public long create(DirectoryUser person) {
    User user = new User(Username.of(person.username()), Instant.now());
    user.link(person.id(), UserSource.KEYCLOAK);
    user.setEmail(email(person.email()));
    user.setNames(person.firstName(), person.lastName());
    user.setEnabled(person.enabled());
    users.add(user);
    audit.record(AuditAction.CREATE, DefaultUserService.OBJECT_TYPE, user.id(), person.username(), null, ViewAssembler.user(user));
    return user.id();
  }

  /** Links an unlinked local record of the same username to the directory person. */
  public void link(long userId, String directoryId) {
    User user = users.find(userId).orElseThrow();
    var before = ViewAssembler.user(user);
    user.link(directoryId, user.source());
    audit.record(AuditAction.UPDATE, DefaultUserService.OBJECT_TYPE, user.id(), user.username().value(), before, ViewAssembler.user(user));
  }

  static EmailAddress email(String value) {
    if (value == null) {
      return null;
    }
    try {
      return EmailAddress.of(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
