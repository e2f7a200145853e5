package io.portcullis.core.application;

import java.time.Instant;

/**
 * A client certificate for a gateway, issued by the core's CA; the private key is shown this once.
 *
 * @param gatewayId the gateway
 * @param serial hex serial number
 * @param notAfter end of validity
 * @param certificatePem the certificate (PEM; {@code PORTCULLIS_GRPC_CERT})
 * @param privateKeyPem its PKCS#8 key (PEM; {@code PORTCULLIS_GRPC_KEY})
 * @param caPem the CA certificate the gateway must trust ({@code PORTCULLIS_GRPC_CA})
 */
public record IssuedGatewayCertificate(
    long gatewayId, String serial, Instant notAfter, String certificatePem, String privateKeyPem, String caPem) {

  @Override
  public String toString() {
    return "IssuedGatewayCertificate[" + gatewayId + ", " + serial + ", key=hidden]";
  }
}
