package io.portcullis.core.infrastructure.control;

/**
 * A gateway's token or certificate stopped being valid; its open streams end once this is committed.
 *
 * @param gatewayId the gateway
 * @param reason for the logs and the gateway
 * @param certificateSerial the revoked certificate (hex): only streams using it end; null for the token (all end)
 */
public record GatewayAccessRevoked(long gatewayId, String reason, String certificateSerial) {

  /** All of the gateway's streams end. */
  public GatewayAccessRevoked(long gatewayId, String reason) {
    this(gatewayId, reason, null);
  }
}
