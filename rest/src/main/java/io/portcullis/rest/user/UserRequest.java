package io.portcullis.rest.user;

import io.portcullis.core.application.UserDraft;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.user.EmailAddress;
import io.portcullis.core.domain.model.user.Username;
import io.portcullis.rest.problem.FieldErrors;
import java.util.List;

/** The JSON of a user in POST and PUT; {@code enabled} defaults to true, {@code admin} to false. */
public record UserRequest(
    String username,
    String email,
    String firstName,
    String lastName,
    Boolean enabled,
    Boolean admin,
    List<String> groups) {

  static final int MAX_NAME = 100;

  /** The draft, or a 400 listing every bad field. */
  UserDraft toDraft() {
    FieldErrors errors = new FieldErrors();
    Username name = errors.required("username", username, Username::of);
    EmailAddress mail = errors.optional("email", email, EmailAddress::of);
    String first = errors.optional("firstName", firstName, UserRequest::personName);
    String last = errors.optional("lastName", lastName, UserRequest::personName);
    List<Name> groupNames = errors.each("groups", groups, Name::of);
    errors.throwIfAny();
    return new UserDraft(
        name, mail, first, last, enabled == null || enabled, admin != null && admin, groupNames);
  }

  private static String personName(String text) {
    String trimmed = text.strip();
    if (trimmed.length() > MAX_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("must be at most " + MAX_NAME + " characters without control characters");
    }
    return trimmed.isEmpty() ? null : trimmed;
  }
}
