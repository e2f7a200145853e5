package io.portcullis.web.faces;

import io.portcullis.core.application.AccessDeniedException;
import io.portcullis.web.ErrorReference;
import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.jboss.logging.Logger;

/**
 * What a page does with an exception nobody handled, in full-page and Ajax requests alike: it is logged with a
 * short reference and the browser goes to the error page that shows only that reference. An expired view (the
 * session ended) reloads the page instead, which asks for a login again when needed.
 */
public final class ReferencedExceptionHandler extends ExceptionHandlerWrapper {

  private static final Logger LOG = Logger.getLogger(ReferencedExceptionHandler.class);

  ReferencedExceptionHandler(ExceptionHandler wrapped) {
    super(wrapped);
  }

  @Override
  public void handle() {
    Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
    if (!events.hasNext()) {
      super.handle();
      return;
    }
    Throwable error = events.next().getContext().getException();
    events.remove();
    while (events.hasNext()) { // one page, one error page; the others are logged with the same reference
      Throwable more = events.next().getContext().getException();
      events.remove();
      LOG.debugf(more, "Further page error in the same request");
    }
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    String target;
    Throwable root = rootCause(error);
    if (root instanceof ViewExpiredException expired) {
      target = external.getRequestContextPath() + expired.getViewId();
    } else if (root instanceof AccessDeniedException) {
      target = external.getRequestContextPath() + "/error?status=403";
    } else {
      String reference = ErrorReference.next();
      LOG.errorf(error, "Page error %s on %s", reference, external.getRequestServletPath());
      target = external.getRequestContextPath() + "/error?reference=" + reference;
    }
    try {
      if (!external.isResponseCommitted()) {
        external.responseReset();
      }
      external.redirect(target);
      faces.responseComplete();
    } catch (IOException | IllegalStateException e) {
      throw new FacesException(new UncheckedIOException(new IOException("cannot send the error page", e)));
    }
  }

  private static Throwable rootCause(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t
        && !(t instanceof AccessDeniedException) && !(t instanceof ViewExpiredException)) {
      t = t.getCause();
    }
    return t;
  }

  /** Installs the handler (registered in faces-config.xml). */
  public static final class Factory extends ExceptionHandlerFactory {

    public Factory(ExceptionHandlerFactory wrapped) {
      super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
      return new ReferencedExceptionHandler(getWrapped().getExceptionHandler());
    }
  }
}
