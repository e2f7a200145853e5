package io.portcullis.core.infrastructure.control;

import java.time.Clock;

/**
 * What a gateway session needs from the rest of the core, handed down once by the {@link ControlServer}.
 *
 * @param clock the time source
 * @param counters counters of the channel
 * @param directory gateways and their status rows
 * @param traffic where stats reports go
 * @param feeds the per-location feeds
 * @param renewals answers gateways' certificate requests
 */
record ControlContext(
    Clock clock, ControlCounters counters, GatewayDirectory directory, TrafficRecorder traffic, LocationFeeds feeds,
    CertificateRenewals renewals) {}
