package io.portcullis.core.application;

import java.time.Instant;

/**
 * A gateway's connection as the control channel sees it.
 *
 * @param gatewayId the gateway
 * @param name its name
 * @param locationId the location it serves
 * @param connected whether a stream is open now
 * @param connectedSince start of the current (or last) stream; null if it never connected
 * @param lastSeen when it was last heard from
 * @param disconnectedAt end of the last stream, null while connected
 * @param version the gateway's software version
 * @param hostname the host it runs on
 * @param address the remote address of its stream
 * @param mode {@code kernel} or {@code userspace}
 * @param appliedRevision the configuration revision it acknowledged
 * @param locationRevision the revision the location's gateways should run (0 when none is connected)
 * @param tokenRevoked whether its token was revoked
 * @param certificateSerial the client certificate (hex serial) its open stream uses; null when not connected or
 *     without mutual TLS
 */
public record GatewayStatusView(
    long gatewayId,
    String name,
    long locationId,
    boolean connected,
    Instant connectedSince,
    Instant lastSeen,
    Instant disconnectedAt,
    String version,
    String hostname,
    String address,
    String mode,
    long appliedRevision,
    long locationRevision,
    boolean tokenRevoked,
    String certificateSerial) {}
