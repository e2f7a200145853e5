package io.portcullis.core.application;

import java.util.List;

/** The gateways' connection status and the control channel's counters. */
public interface GatewayStatusService {

  /** Status of every gateway of a location (null = all), ordered by id. */
  List<GatewayStatusView> list(Long locationId);

  GatewayStatusView get(long gatewayId) throws UnknownObjectException;

  ControlChannelView channel();
}
