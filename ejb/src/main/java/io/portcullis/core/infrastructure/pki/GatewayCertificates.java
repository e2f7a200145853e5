package io.portcullis.core.infrastructure.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.jboss.logging.Logger;

/**
 * The files of the internal CA in one directory: the CA itself, the gRPC server's certificate ({@code
 * server.pem}, {@code server.key}, renewed when a third of its lifetime is left), and the mapping from a client
 * certificate back to its gateway.
 */
public final class GatewayCertificates {
  private static final Logger LOG = Logger.getLogger(GatewayCertificates.class);

  private final Path directory;
  private final Duration lifetime;
  private final InternalCertificateAuthority authority;
  private final Clock clock;

  private GatewayCertificates(Path directory, Duration lifetime, InternalCertificateAuthority authority, Clock clock) {
    this.directory = directory;
    this.lifetime = lifetime;
    this.authority = authority;
    this.clock = clock;
  }

  /** Opens (or creates) the CA in {@code directory}. */
  public static GatewayCertificates open(Path directory, Duration lifetime, Clock clock) throws IOException {
    boolean existed = Files.exists(directory.resolve("ca.pem"));
    InternalCertificateAuthority ca = InternalCertificateAuthority.openOrCreate(directory, clock);
    if (!existed) {
      LOG.infof("Created the control channel CA in %s (%s)", directory, ca.certificate().getSubjectX500Principal());
    }
    return new GatewayCertificates(directory, lifetime, ca, clock);
  }

  public Path caFile() {
    return directory.resolve("ca.pem");
  }

  public Path serverCertificateFile() {
    return directory.resolve("server.pem");
  }

  public Path serverKeyFile() {
    return directory.resolve("server.key");
  }

  public X509Certificate authority() {
    return authority.certificate();
  }

  /**
   * Issues the server certificate if it is missing, names other hosts, or has less than a third of its lifetime
   * left.
   *
   * @return true if new files were written (the server should reload them)
   */
  public synchronized boolean ensureServerCertificate(List<String> names) throws IOException {
    Path cert = serverCertificateFile();
    if (Files.exists(cert) && Files.exists(serverKeyFile())) {
      X509Certificate current = PemFiles.readCertificate(cert);
      Instant renewAt = current.getNotAfter().toInstant().minus(lifetime.dividedBy(3));
      if (clock.instant().isBefore(renewAt) && coversNames(current, names) && issuedByUs(current)) {
        return false;
      }
    }
    IssuedCertificate issued = authority.issueServer(names, lifetime);
    PemFiles.write(serverKeyFile(), PemFiles.privateKey(issued.privateKey()), true);
    PemFiles.write(cert, PemFiles.certificate(issued.certificate()) + PemFiles.certificate(issued.authority()), false);
    LOG.infof(
        "Issued the control channel server certificate for %s, valid until %s",
        names, issued.certificate().getNotAfter().toInstant());
    return true;
  }

  /** A new client certificate for a gateway; the caller records its serial. */
  public IssuedCertificate issueGateway(long gatewayId) throws IOException {
    return authority.issueGateway(gatewayId, lifetime);
  }

  /** A renewed client certificate on the gateway's own {@code publicKey}; the caller records its serial. */
  public IssuedCertificate renewGateway(long gatewayId, java.security.PublicKey publicKey) throws IOException {
    return authority.issueGateway(gatewayId, publicKey, lifetime);
  }

  /** Whether the internal CA signed {@code certificate}. */
  public boolean signedByUs(X509Certificate certificate) {
    try {
      certificate.verify(authority.certificate().getPublicKey());
      return true;
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  private boolean issuedByUs(X509Certificate certificate) {
    return certificate.getIssuerX500Principal().equals(authority.certificate().getSubjectX500Principal());
  }

  private static boolean coversNames(X509Certificate certificate, List<String> names) {
    try {
      var alternatives = certificate.getSubjectAlternativeNames();
      if (alternatives == null) {
        return names.isEmpty();
      }
      List<String> present = alternatives.stream().map(a -> String.valueOf(a.get(1))).toList();
      return present.containsAll(names);
    } catch (java.security.cert.CertificateParsingException e) {
      return false;
    }
  }

  /** The gateway a client certificate was issued to ({@code CN=portcullis-gateway-<id>}), if any. */
  public static OptionalLong gatewayIdOf(X509Certificate certificate) {
    return gatewayIdOf(certificate.getSubjectX500Principal());
  }

  /** The gateway a subject names ({@code CN=portcullis-gateway-<id>}), if any. */
  public static OptionalLong gatewayIdOf(javax.security.auth.x500.X500Principal subject) {
    try {
      for (Rdn rdn : new LdapName(subject.getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")
            && rdn.getValue() instanceof String cn
            && cn.startsWith(InternalCertificateAuthority.GATEWAY_CN_PREFIX)) {
          return OptionalLong.of(Long.parseLong(cn.substring(InternalCertificateAuthority.GATEWAY_CN_PREFIX.length())));
        }
      }
    } catch (InvalidNameException | NumberFormatException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }
}
