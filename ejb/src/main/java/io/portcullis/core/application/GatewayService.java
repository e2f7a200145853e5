package io.portcullis.core.application;

import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;

/** Managing the gateways of locations and their tokens. */
public interface GatewayService {

  CreatedGateway create(long locationId, Name name) throws BusinessException;

  GatewayView get(long id) throws UnknownObjectException;

  Page<GatewayView> list(Long locationId, String q, PageRequest page);

  GatewayView rename(long id, Name name) throws BusinessException;

  void delete(long id) throws UnknownObjectException;
}
