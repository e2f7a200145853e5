package io.portcullis.core.domain.model.shared;

import java.util.List;
import java.util.function.Function;

/** One slice of a filtered list and the size of the whole filtered list. */
public record Page<T>(List<T> items, long total, int offset, int limit) {

  public Page {
    items = List.copyOf(items);
  }

  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    return new Page<>(items.stream().<R>map(mapper).toList(), total, offset, limit);
  }
}
