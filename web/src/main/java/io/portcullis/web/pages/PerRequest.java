package io.portcullis.web.pages;

import jakarta.faces.context.FacesContext;
import java.io.Serializable;
import java.util.function.Supplier;

/**
 * A value computed once per request: Faces evaluates a getter several times while it renders a page, and a getter
 * that asks the core would ask it each time. Held by view-scoped beans; nothing of it is serialized.
 */
final class PerRequest<T> implements Serializable {

  private static final long serialVersionUID = 1L;

  private transient Object request;
  private transient T value;

  T get(Supplier<T> compute) {
    Object current = FacesContext.getCurrentInstance().getExternalContext().getRequest();
    if (request != current) {
      value = compute.get();
      request = current;
    }
    return value;
  }

  /** Forgets the value, so that the next {@link #get} computes it again (after a change on the page). */
  void clear() {
    request = null;
    value = null;
  }
}
