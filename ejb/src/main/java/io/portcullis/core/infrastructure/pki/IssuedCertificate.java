package io.portcullis.core.infrastructure.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A certificate the internal CA issued, with its private key and the CA's own certificate.
 *
 * @param certificate the new certificate
 * @param privateKey its key (shown once to the gateway's operator; the core keeps only the serial), null for a
 *     certificate issued on a gateway's own public key (a renewal)
 * @param authority the CA certificate that signed it
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, X509Certificate authority) {

  /** Serial number in lower-case hex, as stored. */
  public String serialHex() {
    return certificate.getSerialNumber().toString(16);
  }

  @Override
  public String toString() {
    return "IssuedCertificate[" + certificate.getSubjectX500Principal() + ", serial " + serialHex() + "]";
  }
}
