package io.portcullis.core.application;

/** A gateway's credentials: its token (replace, revoke) and its client certificates (issue, revoke). */
public interface GatewayCredentialService {

  /** Replaces the gateway's token; the old one stops working and its open streams end. */
  CreatedGateway rotateToken(long gatewayId) throws UnknownObjectException;

  /** Revokes the token: the gateway is disconnected and refused until it gets a new token. */
  void revokeToken(long gatewayId) throws UnknownObjectException;

  /** Issues a client certificate from the internal CA (mutual TLS). */
  IssuedGatewayCertificate issueCertificate(long gatewayId) throws BusinessException;

  /** The CA certificate (PEM) gateways must trust, when the internal CA is in use. */
  String authorityCertificate() throws BusinessException;

  /** Revokes one certificate of the gateway by its hex serial. */
  void revokeCertificate(long gatewayId, String serial) throws UnknownObjectException;
}
