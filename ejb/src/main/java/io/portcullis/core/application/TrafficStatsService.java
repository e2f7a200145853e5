package io.portcullis.core.application;

import java.time.Instant;

/** Traffic statistics per device, user and location, from what the gateways report. */
public interface TrafficStatsService {

  TrafficView device(long deviceId, Instant since) throws UnknownObjectException;

  TrafficView user(long userId, Instant since) throws UnknownObjectException;

  TrafficView location(long locationId, Instant since) throws UnknownObjectException;
}
