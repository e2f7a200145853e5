package io.portcullis.core.infrastructure.control;

/** Why the control server refused a gateway's connection; each reason is counted. */
public enum Refusal {
  /** No {@code authorization: Bearer} header, or not a gateway token. */
  MISSING_TOKEN,
  /** No gateway has this token. */
  UNKNOWN_TOKEN,
  /** The gateway's token was revoked. */
  REVOKED_TOKEN,
  /** Mutual TLS is required and no client certificate was presented. */
  MISSING_CERTIFICATE,
  /** The client certificate failed the TLS handshake's checks (unknown CA, expired, wrong key usage). */
  UNTRUSTED_CERTIFICATE,
  /** The client certificate belongs to another gateway than the token. */
  CERTIFICATE_MISMATCH,
  /** The client certificate was revoked in the core. */
  REVOKED_CERTIFICATE,
  /** The gateway aborted the TLS handshake: it does not trust the core's certificate (wrong CA configured). */
  SERVER_CERTIFICATE_REFUSED,
  /** Any other failed TLS handshake (not TLS at all, no common protocol or cipher). */
  TLS_HANDSHAKE,
  /** The stream did not begin with {@code Hello}. */
  PROTOCOL
}
