package io.portcullis.core.infrastructure.control;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import io.portcullis.core.infrastructure.pki.PemFiles;
import org.jboss.logging.Logger;

/**
 * Checks gateways' client certificates against one CA (the JDK's PKIX validation: chain, validity, key usage)
 * and, when a certificate is refused, logs one line naming its subject and the reason and counts it, so an
 * expired or foreign certificate is visible on the core's side too and not only as a failed handshake.
 */
final class CountingTrustManager extends X509ExtendedTrustManager {
  private static final Logger LOG = Logger.getLogger(CountingTrustManager.class);

  private final X509ExtendedTrustManager delegate;
  private final ControlCounters counters;

  private CountingTrustManager(X509ExtendedTrustManager delegate, ControlCounters counters) {
    this.delegate = delegate;
    this.counters = counters;
  }

  /** Trusts exactly the CA certificate in {@code caFile}. */
  static CountingTrustManager forCa(Path caFile, ControlCounters counters) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("portcullis-ca", PemFiles.readCertificate(caFile));
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager tm : factory.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) {
        return new CountingTrustManager(x, counters);
      }
    }
    throw new GeneralSecurityException("no X509 trust manager");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    try {
      delegate.checkClientTrusted(chain, authType, engine);
    } catch (CertificateException e) {
      // Netty's OpenSSL engine does not know the peer's address: the subject names the gateway anyway.
      throw refused(
          chain,
          e,
          engine == null || engine.getPeerHost() == null ? "?" : engine.getPeerHost() + ":" + engine.getPeerPort());
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    try {
      delegate.checkClientTrusted(chain, authType, socket);
    } catch (CertificateException e) {
      throw refused(chain, e, String.valueOf(socket == null ? "?" : socket.getRemoteSocketAddress()));
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    try {
      delegate.checkClientTrusted(chain, authType);
    } catch (CertificateException e) {
      throw refused(chain, e, "?");
    }
  }

  private CertificateException refused(X509Certificate[] chain, CertificateException e, String remote) {
    counters.refused(Refusal.UNTRUSTED_CERTIFICATE);
    String subject = chain == null || chain.length == 0 ? "none" : chain[0].getSubjectX500Principal().getName();
    LOG.warnf(
        "Gateway connection from %s refused: client certificate '%s' not trusted (%s) (UNTRUSTED_CERTIFICATE)",
        remote, subject, why(chain, e));
    return new RefusedCertificateException(e);
  }

  /** The reason in words: expired and not-yet-valid certificates say when; otherwise the JDK's own reason. */
  private static String why(X509Certificate[] chain, CertificateException e) {
    if (chain != null && chain.length > 0) {
      java.util.Date now = new java.util.Date();
      if (now.after(chain[0].getNotAfter())) {
        return "expired on " + chain[0].getNotAfter().toInstant();
      }
      if (now.before(chain[0].getNotBefore())) {
        return "not valid before " + chain[0].getNotBefore().toInstant();
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  /** A refusal already logged and counted here (the handshake watch skips it). */
  static final class RefusedCertificateException extends CertificateException {
    RefusedCertificateException(CertificateException cause) {
      super(cause.getMessage(), cause);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType, engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    delegate.checkServerTrusted(chain, authType, socket);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    delegate.checkServerTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }
}
