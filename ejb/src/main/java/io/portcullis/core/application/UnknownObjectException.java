package io.portcullis.core.application;

/** The object a request names does not exist. */
public class UnknownObjectException extends BusinessException {

  private static final long serialVersionUID = 1L;

  public UnknownObjectException(String objectType, Object id) {
    super("not-found", objectType + " " + id + " does not exist");
  }

  /** For things that are missing in a more specific way, such as a device's config for a location. */
  public UnknownObjectException(String message) {
    super("not-found", message);
  }
}
