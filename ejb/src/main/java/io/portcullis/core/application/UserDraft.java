package io.portcullis.core.application;

import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.user.EmailAddress;
import io.portcullis.core.domain.model.user.Username;
import java.util.List;
import java.util.Objects;

/** What a user should look like, for create and full update; {@code groups} are group names. */
public record UserDraft(
    Username username,
    EmailAddress email,
    String firstName,
    String lastName,
    boolean enabled,
    boolean admin,
    List<Name> groups) {

  public UserDraft {
    Objects.requireNonNull(username, "username");
    groups = List.copyOf(groups);
  }
}
