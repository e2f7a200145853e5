package io.portcullis.core.application;

import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;

/**
 * Managing VPN locations; creating one gives every admitted device an address in it, changing pools or allowed
 * groups re-checks every assignment and refuses changes that would orphan devices.
 */
public interface LocationService {

  LocationView create(LocationDraft draft) throws BusinessException;

  LocationView get(long id) throws UnknownObjectException;

  Page<LocationView> list(String q, PageRequest page);

  LocationView update(long id, LocationDraft draft) throws BusinessException;

  void delete(long id) throws UnknownObjectException;
}
