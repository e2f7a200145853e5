package io.portcullis.gateway.control;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The TLS material the control channel runs with, parsed and checked before use: the client certificate chain
 * and its private key (PEM, PKCS#8), and the CA the gateway trusts for the core. The PEM bytes are kept so that
 * the channel is built from exactly what was checked, not from files that may change meanwhile.
 *
 * @param certificatePem the client certificate chain as read, empty when the channel has no client certificate
 * @param keyPem its PKCS#8 private key as read, empty with it
 * @param caPem the CA the core's certificate must chain to, empty to use the JDK's trust store
 * @param certificate the client certificate (first of the chain), null without one
 */
public record ClientCredentials(byte[] certificatePem, byte[] keyPem, byte[] caPem, X509Certificate certificate) {

  /** No client certificate and the JDK's trust store. */
  static final ClientCredentials NONE = new ClientCredentials(new byte[0], new byte[0], new byte[0], null);

  /**
   * Parses and checks the PEM texts; {@code what} names their origin in messages.
   *
   * @throws IllegalArgumentException saying which text is wrong and how: no certificate, not PKCS#8, a key that
   *     does not belong to the certificate, a CA file without a certificate
   */
  static ClientCredentials parse(byte[] certificatePem, byte[] keyPem, byte[] caPem, Names what) {
    X509Certificate leaf = null;
    if (certificatePem.length > 0 || keyPem.length > 0) {
      List<X509Certificate> chain = certificates(certificatePem, what.certificate());
      leaf = chain.get(0);
      PrivateKey key = privateKey(keyPem, what.key());
      if (!belongTogether(key, leaf.getPublicKey())) {
        throw new IllegalArgumentException(
            what.key() + " is not the private key of the certificate in " + what.certificate() + " ("
                + leaf.getSubjectX500Principal().getName() + ")");
      }
    }
    if (caPem.length > 0) {
      certificates(caPem, what.ca());
    }
    return new ClientCredentials(certificatePem.clone(), keyPem.clone(), caPem.clone(), leaf);
  }

  /** Where each text came from, for messages (file names or setting names). */
  record Names(String certificate, String key, String ca) {}

  /** Whether a client certificate is present. */
  public boolean hasCertificate() {
    return certificate != null;
  }

  /** The client certificate's serial in lower-case hex, as the core's REST API names it. */
  public Optional<String> serial() {
    return hasCertificate() ? Optional.of(certificate.getSerialNumber().toString(16)) : Optional.empty();
  }

  /**
   * Whether the client certificate has less than a third of its lifetime left at {@code now}: then the gateway
   * asks the core for a new one (the core renews its own server certificate at the same point).
   */
  boolean dueForRenewal(Instant now) {
    if (!hasCertificate()) {
      return false;
    }
    Instant notBefore = certificate.getNotBefore().toInstant();
    Instant notAfter = certificate.getNotAfter().toInstant();
    Duration third = Duration.between(notBefore, notAfter).dividedBy(3);
    return !now.isBefore(notAfter.minus(third));
  }

  /** The certificates of a PEM text, at least one. */
  static List<X509Certificate> certificates(byte[] pem, String what) {
    if (!new String(pem, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException(what + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    try {
      Collection<? extends Certificate> all =
          CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c : all) {
        chain.add((X509Certificate) c);
      }
      if (chain.isEmpty()) {
        throw new CertificateException("no certificate");
      }
      return chain;
    } catch (CertificateException e) {
      throw new IllegalArgumentException(what + " holds no readable X.509 certificate: " + e.getMessage(), e);
    }
  }

  /** The PKCS#8 private key ({@code BEGIN PRIVATE KEY}, EC or RSA) of a PEM text. */
  static PrivateKey privateKey(byte[] pem, String what) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      String hint =
          text.contains("-----BEGIN EC PRIVATE KEY-----") || text.contains("-----BEGIN RSA PRIVATE KEY-----")
              ? " (it is in the older SEC1/PKCS#1 form: convert it with `openssl pkcs8 -topk8 -nocrypt`)"
              : "";
      throw new IllegalArgumentException(what + " holds no PKCS#8 private key (-----BEGIN PRIVATE KEY-----)" + hint);
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": the private key is not valid base64", e);
    }
    for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException(what + " holds a private key that is neither EC, RSA nor Ed25519");
  }

  /** Whether {@code key} signs what {@code publicKey} verifies. */
  static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "EC" -> "SHA256withECDSA";
          case "RSA" -> "SHA256withRSA";
          default -> key.getAlgorithm();
        };
    if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
      return false;
    }
    try {
      byte[] probe = "portcullis key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
