package io.portcullis.core.application.security;

import io.portcullis.core.application.AccessDeniedException;
import io.portcullis.core.application.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;

/**
 * The authorization rules of the core, in one place: admins may do everything, other people only what concerns
 * themselves. Work without an HTTP request (EJB timers, the gateway control channel) runs as {@link
 * Caller#SYSTEM}; every HTTP request has its caller set by the authentication filter before a service runs
 * (the filter refuses the request otherwise).
 */
@ApplicationScoped
public class Access {

  @Inject private CallerContext context;

  /** Who is calling. */
  public Caller caller() {
    try {
      Caller caller = context.get();
      return caller == null ? Caller.SYSTEM : caller;
    } catch (ContextNotActiveException outsideRequest) {
      return Caller.SYSTEM;
    }
  }

  /** Refuses unless the caller is an administrator. */
  public Caller requireAdmin() {
    Caller caller = caller();
    if (!caller.admin()) {
      throw new AccessDeniedException("Only administrators may do this");
    }
    return caller;
  }

  /** Refuses unless the caller is the user {@code userId} or an administrator. */
  public Caller requireSelfOrAdmin(Long userId) {
    Caller caller = caller();
    if (!caller.admin() && !caller.is(userId)) {
      throw new AccessDeniedException("This belongs to another user");
    }
    return caller;
  }
}
