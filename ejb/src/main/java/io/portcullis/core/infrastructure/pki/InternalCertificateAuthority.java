package io.portcullis.core.infrastructure.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The core's own certificate authority for the control channel, built with Bouncy Castle: an ECDSA P-256 CA
 * created in its directory on first use ({@code ca.pem}, {@code ca.key}), which issues the gRPC server's
 * certificate and one client certificate per gateway ({@code CN=portcullis-gateway-<id>}).
 *
 * <p>Keys come from the JDK (SunEC); Bouncy Castle builds and signs the certificates through the JCA, so no
 * provider is installed into the server. Thread-safe: issuing only reads the CA key.
 */
public final class InternalCertificateAuthority {
  /** The subject prefix of gateway client certificates; the gateway's id follows. */
  public static final String GATEWAY_CN_PREFIX = "portcullis-gateway-";

  private static final String SIGNATURE = "SHA256withECDSA";
  private static final Duration CA_LIFETIME = Duration.ofDays(3650);
  private static final Duration BACKDATE = Duration.ofMinutes(5);

  private final X509Certificate caCertificate;
  private final PrivateKey caKey;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  private InternalCertificateAuthority(X509Certificate caCertificate, PrivateKey caKey, Clock clock) {
    this.caCertificate = caCertificate;
    this.caKey = caKey;
    this.clock = clock;
  }

  /** Opens the CA in {@code directory}, creating it (and the directory) on first use. */
  public static InternalCertificateAuthority openOrCreate(Path directory, Clock clock) throws IOException {
    Path cert = directory.resolve("ca.pem");
    Path key = directory.resolve("ca.key");
    if (Files.exists(cert) && Files.exists(key)) {
      return new InternalCertificateAuthority(PemFiles.readCertificate(cert), PemFiles.readEcPrivateKey(key), clock);
    }
    KeyPair pair = newKeyPair();
    Instant now = clock.instant();
    X500Name subject = new X500Name("CN=Portcullis control channel CA " + now.getEpochSecond() + ",O=Portcullis");
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject, serial(new SecureRandom()), Date.from(now.minus(BACKDATE)),
                  Date.from(now.plus(CA_LIFETIME)), subject, pair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate ca = sign(builder, pair.getPrivate());
      PemFiles.write(key, PemFiles.privateKey(pair.getPrivate()), true);
      PemFiles.write(cert, PemFiles.certificate(ca), false);
      return new InternalCertificateAuthority(ca, pair.getPrivate(), clock);
    } catch (GeneralSecurityException | IOException e) {
      throw new IOException("cannot create the certificate authority in " + directory + ": " + e.getMessage(), e);
    }
  }

  public X509Certificate certificate() {
    return caCertificate;
  }

  /** A server certificate for {@code names} (DNS names or IP literals), valid for {@code lifetime}. */
  public IssuedCertificate issueServer(List<String> names, Duration lifetime) throws IOException {
    List<GeneralName> alternatives = new ArrayList<>();
    for (String name : names) {
      alternatives.add(
          isIpLiteral(name) ? new GeneralName(GeneralName.iPAddress, name) : new GeneralName(GeneralName.dNSName, name));
    }
    return issue(
        "CN=" + (names.isEmpty() ? "portcullis-core" : names.get(0)) + ",O=Portcullis",
        KeyPurposeId.id_kp_serverAuth,
        alternatives,
        lifetime);
  }

  /** A client certificate for gateway {@code gatewayId}, valid for {@code lifetime}. */
  public IssuedCertificate issueGateway(long gatewayId, Duration lifetime) throws IOException {
    Instant now = clock.instant();
    return issueGateway(gatewayId, now.minus(BACKDATE), now.plus(lifetime));
  }

  /**
   * A client certificate for gateway {@code gatewayId} valid exactly from {@code notBefore} to {@code notAfter}
   * (capped at the CA's own expiry): for rotation schedules, and for tests that need a certificate already
   * expired or not yet valid.
   */
  public IssuedCertificate issueGateway(long gatewayId, Instant notBefore, Instant notAfter) throws IOException {
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException("a certificate must end after it begins: " + notBefore + " .. " + notAfter);
    }
    return issue(
        "CN=" + GATEWAY_CN_PREFIX + gatewayId + ",O=Portcullis", KeyPurposeId.id_kp_clientAuth, List.of(), notBefore,
        notAfter);
  }

  /**
   * A client certificate for gateway {@code gatewayId} on a public key the gateway made (a renewal: the private
   * key never reaches the core), valid for {@code lifetime}; the result has no private key.
   */
  public IssuedCertificate issueGateway(long gatewayId, PublicKey publicKey, Duration lifetime) throws IOException {
    Instant now = clock.instant();
    return issue(
        "CN=" + GATEWAY_CN_PREFIX + gatewayId + ",O=Portcullis", KeyPurposeId.id_kp_clientAuth, List.of(),
        now.minus(BACKDATE), now.plus(lifetime), publicKey, null);
  }

  private IssuedCertificate issue(
      String subject, KeyPurposeId purpose, List<GeneralName> alternatives, Duration lifetime) throws IOException {
    Instant now = clock.instant();
    return issue(subject, purpose, alternatives, now.minus(BACKDATE), now.plus(lifetime));
  }

  private IssuedCertificate issue(
      String subject, KeyPurposeId purpose, List<GeneralName> alternatives, Instant notBefore, Instant notAfter)
      throws IOException {
    KeyPair pair = newKeyPair();
    return issue(subject, purpose, alternatives, notBefore, notAfter, pair.getPublic(), pair.getPrivate());
  }

  private IssuedCertificate issue(
      String subject, KeyPurposeId purpose, List<GeneralName> alternatives, Instant notBefore, Instant notAfter,
      PublicKey publicKey, PrivateKey privateKey)
      throws IOException {
    if (notAfter.isAfter(caCertificate.getNotAfter().toInstant())) {
      notAfter = caCertificate.getNotAfter().toInstant();
    }
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  caCertificate, serial(random), Date.from(notBefore), Date.from(notAfter),
                  new javax.security.auth.x500.X500Principal(subject), publicKey)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
              .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
              .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCertificate))
              .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey));
      if (!alternatives.isEmpty()) {
        builder.addExtension(
            Extension.subjectAlternativeName, false, new GeneralNames(alternatives.toArray(GeneralName[]::new)));
      }
      return new IssuedCertificate(sign(builder, caKey), privateKey, caCertificate);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot issue a certificate for " + subject + ": " + e.getMessage(), e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException, IOException {
    try {
      return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
  }

  private static KeyPair newKeyPair() throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IOException("no EC P-256 key generator: " + e.getMessage(), e);
    }
  }

  /** A positive random serial of at most 127 bits (RFC 5280 allows 20 octets). */
  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).setBit(120);
  }

  private static boolean isIpLiteral(String name) {
    if (!name.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      return false;
    }
    try {
      // A literal never causes a name look-up.
      InetAddress.getByName(name);
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
