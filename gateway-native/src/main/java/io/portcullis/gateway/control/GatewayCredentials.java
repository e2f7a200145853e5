package io.portcullis.gateway.control;

import io.portcullis.proto.gateway.v1.CoreMessage;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gateway's TLS credentials for the control channel, kept current: read and checked from the files at start,
 * read again when the files change on disk (an operator's replacement, from any CA), and renewed through the core
 * when the client certificate has less than a third of its life left.
 *
 * <p>Renewal: a new P-256 key pair made here (its private key never leaves this machine), a PKCS#10 request
 * ({@link CertificationRequest}) sent over the control stream, the core's certificate and the new key written
 * over the configured files ({@link CredentialFiles#replace}), then the channel switched to them. Unusable files
 * and failed renewals are logged once per distinct problem; the credentials in use are kept.
 *
 * <p>Threads: called by the {@link ControlClient}'s connection loop (before each reconnection) and its
 * credentials thread (periodic checks, renewals); loading and switching happen under one lock, the wait for the
 * core's answer outside it.
 */
final class GatewayCredentials {
  private static final Logger LOG = System.getLogger(GatewayCredentials.class.getName());

  /** What the credentials need from the control channel. */
  interface Channel {
    /**
     * Starts using {@code next}: a new gRPC channel, the current stream ended so that the client reconnects
     * over it at once.
     *
     * @throws IOException when gRPC cannot use them; the channel in use is then kept
     */
    void use(ClientCredentials next) throws IOException;

    /** Sends a PKCS#10 request and returns the core's {@code CertificateIssued} or {@code CertificateRefused}. */
    CoreMessage exchange(byte[] csr) throws IOException;
  }

  private final CredentialFiles files;
  private final boolean plaintext;
  private final Clock clock;
  private final Duration checkInterval;
  private final Channel channel;
  private final Object lock = new Object();
  private volatile ClientCredentials current;
  // Guarded by lock: the files' fingerprint when loaded, and the last one that could not be used.
  private CredentialFiles.Fingerprint loaded;
  private CredentialFiles.Fingerprint refused;
  private final AtomicBoolean renewing = new AtomicBoolean();
  private volatile String lastRenewalProblem = "";
  private volatile Instant lastRenewalAttempt;

  /**
   * Reads the configured files, after finishing or undoing a replacement a crash interrupted.
   *
   * @throws IOException naming the file and what is wrong with it
   */
  GatewayCredentials(GatewaySettings settings, Clock clock, Channel channel) throws IOException {
    this.files = CredentialFiles.of(settings);
    this.plaintext = settings.plaintext();
    this.clock = clock;
    this.checkInterval = settings.certificateCheckInterval();
    this.channel = channel;
    if (plaintext) {
      current = ClientCredentials.NONE;
      return;
    }
    files.recover().ifPresent(done -> LOG.log(Level.WARNING, "TLS files: {0}", done));
    try {
      current = files.load();
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    loaded = files.fingerprint();
  }

  /** The credentials in use. */
  ClientCredentials current() {
    return current;
  }

  /** Why the last automatic renewal failed, as logged; empty after a success or before any attempt. */
  String lastRenewalProblem() {
    return lastRenewalProblem;
  }

  /** The periodic check: files replaced on disk, then the renewal date. */
  void check() {
    reloadIfReplaced();
    renewIfDue();
  }

  /**
   * After a connection: renews if due, unless an attempt failed within the check interval (a core that refuses
   * is not asked again at every reconnection).
   */
  void afterConnect() {
    Instant last = lastRenewalAttempt;
    if (last == null || !clock.instant().isBefore(last.plus(checkInterval))) {
      renewIfDue();
    }
  }

  /**
   * Loads the files again if they changed on disk since they were read, and switches the channel to them; files
   * that cannot be used are reported once (per change) and the credentials in use are kept.
   *
   * @return whether new credentials are in use
   */
  boolean reloadIfReplaced() {
    if (plaintext) {
      return false;
    }
    synchronized (lock) {
      CredentialFiles.Fingerprint now = files.fingerprint();
      if (now.equals(loaded) || now.equals(refused)) {
        return false;
      }
      ClientCredentials next;
      try {
        next = files.load();
      } catch (IllegalArgumentException | IOException e) {
        refused = now;
        LOG.log(
            Level.WARNING,
            "the TLS files changed but cannot be used: {0}; keeping the credentials loaded before",
            e.getMessage());
        return false;
      }
      return switchTo(next, now, "replaced on disk");
    }
  }

  private boolean switchTo(ClientCredentials next, CredentialFiles.Fingerprint fingerprint, String why) {
    synchronized (lock) {
      try {
        channel.use(next);
      } catch (IOException | IllegalArgumentException e) {
        refused = fingerprint;
        LOG.log(Level.WARNING, "the new TLS credentials cannot be used: {0}; keeping the ones before", e.toString());
        return false;
      }
      current = next;
      loaded = fingerprint;
      refused = null;
      LOG.log(
          Level.INFO,
          "TLS credentials reloaded ({0}): client certificate {1}; the control channel reconnects with them, the"
              + " interface keeps running",
          why,
          next.hasCertificate()
              ? "serial " + next.serial().orElseThrow() + ", valid until " + next.certificate().getNotAfter().toInstant()
              : "none");
      return true;
    }
  }

  /** Renews the client certificate if it has less than a third of its life left. */
  void renewIfDue() {
    ClientCredentials now = current;
    if (!files.hasClientCertificate() || !now.dueForRenewal(clock.instant())) {
      return;
    }
    lastRenewalAttempt = clock.instant();
    try {
      renew();
      lastRenewalProblem = "";
    } catch (IOException | RuntimeException e) {
      String problem = String.valueOf(e.getMessage());
      if (!problem.equals(lastRenewalProblem)) {
        LOG.log(
            Level.WARNING,
            "the client certificate (valid until {0}) was not renewed: {1}; trying again in {2} s",
            now.certificate().getNotAfter().toInstant(), problem, checkInterval.toSeconds());
        lastRenewalProblem = problem;
      }
    }
  }

  /**
   * Asks the core for a new client certificate now and switches to it (see the class comment). Blocks until the
   * core answers (the channel's {@link Channel#exchange} bounds the wait).
   *
   * @return the new certificate's serial (hex)
   * @throws IOException when the core refused or did not answer, or the files could not be written; the
   *     certificate in use is then kept
   */
  String renew() throws IOException {
    if (!files.hasClientCertificate()) {
      throw new IOException("no client certificate is configured (PORTCULLIS_GRPC_CERT, PORTCULLIS_GRPC_KEY)");
    }
    if (!renewing.compareAndSet(false, true)) {
      throw new IOException("a renewal is already under way");
    }
    try {
      ClientCredentials before = current;
      CertificationRequest request;
      try {
        request = CertificationRequest.create(before.certificate().getSubjectX500Principal());
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot create a key pair and request: " + e.getMessage(), e);
      }
      CoreMessage answer = channel.exchange(request.der());
      if (answer.hasCertificateRefused()) {
        var refusal = answer.getCertificateRefused();
        throw new IOException("the core refused the renewal (" + refusal.getCode() + "): " + refusal.getReason());
      }
      var issued = answer.getCertificateIssued();
      byte[] certificatePem = issued.getCertificatePem().getBytes(StandardCharsets.US_ASCII);
      byte[] keyPem = pem("PRIVATE KEY", request.keyPair().getPrivate().getEncoded());
      ClientCredentials next;
      try {
        next =
            ClientCredentials.parse(
                certificatePem, keyPem, before.caPem(),
                new ClientCredentials.Names("the core's answer", "the new key", "PORTCULLIS_GRPC_CA"));
      } catch (IllegalArgumentException e) {
        throw new IOException("the core's certificate is unusable: " + e.getMessage(), e);
      }
      synchronized (lock) {
        files.replace(certificatePem, keyPem);
        LOG.log(
            Level.INFO,
            "client certificate renewed by the core: serial {0} replaces {1}, valid until {2}; written to {3}",
            issued.getSerial(), before.serial().orElse("?"), next.certificate().getNotAfter().toInstant(),
            files.certificateFile().orElseThrow());
        switchTo(next, files.fingerprint(), "renewed");
      }
      return issued.getSerial();
    } finally {
      renewing.set(false);
    }
  }

  private static byte[] pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return ("-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }
}
