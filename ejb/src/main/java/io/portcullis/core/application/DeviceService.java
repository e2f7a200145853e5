package io.portcullis.core.application;

import io.portcullis.core.domain.model.device.DeviceRepository.DeviceFilter;
import io.portcullis.core.domain.model.shared.Name;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;

/** Managing devices and producing their wg-quick configurations. */
public interface DeviceService {

  /** Creates the device with an address in every pool of every location its owner may use. */
  CreatedDevice create(DeviceDraft draft) throws BusinessException;

  DeviceView get(long id) throws UnknownObjectException;

  Page<DeviceView> list(DeviceFilter filter, PageRequest page);

  DeviceView rename(long id, Name name) throws BusinessException;

  void delete(long id) throws UnknownObjectException;

  /** The wg-quick file of the device for one location, with a private key placeholder. */
  String config(long deviceId, long locationId) throws BusinessException;
}
