package io.portcullis.core.application;

import java.util.Map;

/**
 * Counters of the gateway control channel since the core started.
 *
 * @param port the gRPC port
 * @param tls {@code internal-ca}, {@code files} or {@code plaintext}
 * @param mutualTls whether client certificates are required
 * @param connectedGateways streams open now
 * @param streamsOpened streams accepted
 * @param refusals refused connections by reason
 * @param fullConfigurations full configurations sent
 * @param incrementalUpdates incremental messages sent (per gateway)
 * @param statsReports stats reports received
 * @param certificatesRenewed client certificates issued to gateways by renewal over the channel
 * @param renewalRefusals refused renewal requests by reason
 */
public record ControlChannelView(
    int port,
    String tls,
    boolean mutualTls,
    int connectedGateways,
    long streamsOpened,
    Map<String, Long> refusals,
    long fullConfigurations,
    long incrementalUpdates,
    long statsReports,
    long certificatesRenewed,
    Map<String, Long> renewalRefusals) {}
