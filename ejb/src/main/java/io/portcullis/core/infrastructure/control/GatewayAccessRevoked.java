package io.portcullis.core.infrastructure.control;

/** A gateway's token or certificate stopped being valid; its open streams end once this is committed. */
public record GatewayAccessRevoked(long gatewayId, String reason) {}
