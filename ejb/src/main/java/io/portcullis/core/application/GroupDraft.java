package io.portcullis.core.application;

import io.portcullis.core.domain.model.shared.Name;
import java.util.Objects;

/** What a group should look like, for create and full update. */
public record GroupDraft(Name name, String description) {

  public GroupDraft {
    Objects.requireNonNull(name, "name");
  }
}
