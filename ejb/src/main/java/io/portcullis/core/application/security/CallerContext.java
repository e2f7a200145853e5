package io.portcullis.core.application.security;

import io.portcullis.core.application.Caller;
import jakarta.enterprise.context.RequestScoped;

/**
 * The caller of the current HTTP request, set once by the REST API's or the pages' authentication filter before
 * any service is called. Use {@link Access#caller()} to read it.
 */
@RequestScoped
public class CallerContext {

  private Caller caller;

  public void set(Caller authenticated) {
    if (caller != null && !caller.equals(authenticated)) {
      throw new IllegalStateException("the caller of a request is set once");
    }
    this.caller = authenticated;
  }

  Caller get() {
    return caller;
  }
}
