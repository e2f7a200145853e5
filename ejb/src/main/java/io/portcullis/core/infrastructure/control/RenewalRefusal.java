package io.portcullis.core.infrastructure.control;

import java.util.Locale;

/** Why the core refused to renew a gateway's client certificate over the control channel; each is counted. */
public enum RenewalRefusal {
  /** The channel does not use the internal CA ({@code portcullis.grpc.tls} is not {@code internal-ca}). */
  NO_INTERNAL_CA,
  /** The stream carries no client certificate: renewal needs mutual TLS with the current one. */
  MISSING_CERTIFICATE,
  /** The presented certificate is not from the internal CA. */
  UNTRUSTED_CERTIFICATE,
  /** The presented certificate expired while its stream stayed open. */
  EXPIRED_CERTIFICATE,
  /** The presented certificate was revoked (here or on another node) while its stream stayed open. */
  REVOKED_CERTIFICATE,
  /** The gateway's token was revoked or replaced. */
  REVOKED_TOKEN,
  /** The certificate, or the request's subject, names another gateway than the token. */
  CERTIFICATE_MISMATCH,
  /** Not a PKCS#10 request, a bad signature, not an ECDSA P-256 key, or the key of the current certificate. */
  BAD_REQUEST,
  /** A certificate was issued to this gateway less than a minute ago. */
  TOO_FREQUENT;

  /** The code sent to the gateway and shown in the REST counters, e.g. {@code revoked-certificate}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
