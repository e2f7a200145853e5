package io.portcullis.rest.group;

import io.portcullis.core.application.GroupDraft;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.rest.problem.FieldErrors;

/** The JSON of a group in POST and PUT. */
public record GroupRequest(String name, String description) {

  static final int MAX_DESCRIPTION = 255;

  GroupDraft toDraft() {
    FieldErrors errors = new FieldErrors();
    Name parsed = errors.required("name", name, Name::of);
    if (description != null && description.length() > MAX_DESCRIPTION) {
      errors.add("description", "must be at most " + MAX_DESCRIPTION + " characters");
    }
    errors.throwIfAny();
    return new GroupDraft(parsed, description);
  }
}
