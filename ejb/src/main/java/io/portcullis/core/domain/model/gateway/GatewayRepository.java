package io.portcullis.core.domain.model.gateway;

import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import java.util.Optional;

/** Where gateways are kept. */
public interface GatewayRepository {

  Optional<Gateway> find(long id);

  Optional<Gateway> findByName(long locationId, String name);

  /** Gateways of one location (null = all), ordered by id. */
  Page<Gateway> list(Long locationId, String q, PageRequest page);

  void add(Gateway gateway);

  void remove(Gateway gateway);
}
