package io.portcullis.core.domain.model.shared;

/** Which slice of a list to return: skip {@code offset} items, return at most {@code limit} (1 to 500). */
public record PageRequest(int offset, int limit) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public PageRequest {
    if (offset < 0) {
      throw new IllegalArgumentException("must not be negative");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("must be between 1 and " + MAX_LIMIT);
    }
  }

  public static PageRequest first() {
    return new PageRequest(0, DEFAULT_LIMIT);
  }
}
