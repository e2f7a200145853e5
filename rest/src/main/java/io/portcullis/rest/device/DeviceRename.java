package io.portcullis.rest.device;

import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.rest.problem.FieldErrors;

/** The JSON of a device update: only the name may change (a new key is a new device). */
public record DeviceRename(String name) {

  Name toName() {
    FieldErrors errors = new FieldErrors();
    Name parsed = errors.required("name", name, Name::of);
    errors.throwIfAny();
    return parsed;
  }
}
