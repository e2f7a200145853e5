package io.portcullis.core.domain.model.location;

import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import java.util.List;
import java.util.Optional;

/** Where locations are kept. */
public interface LocationRepository {

  Optional<Location> find(long id);

  Optional<Location> findByName(Name name);

  /** Every location, ordered by id (the order in which they are locked). */
  List<Location> all();

  /** Locations whose name contains {@code q} (null = all), ordered by name. */
  Page<Location> list(String q, PageRequest page);

  /**
   * Locks the location's row until the transaction ends, so address assignments and pool changes in it happen
   * one at a time; lock several in ascending id order to avoid deadlocks.
   */
  void lock(Location location);

  void add(Location location);

  void remove(Location location);
}
