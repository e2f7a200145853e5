package io.portcullis.core.infrastructure.control;

import io.grpc.ServerCredentials;
import io.grpc.internal.ObjectPool;
import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.util.AsciiString;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.jboss.logging.Logger;

/**
 * Watches the TLS handshakes of the control server, so that a handshake the <em>gateway</em> aborts — it does
 * not trust the core's certificate — is logged once and counted on the core's side too, not only in the
 * gateway's log. Handshakes our own trust manager refused are already logged and counted by {@link
 * CountingTrustManager} and are skipped here.
 *
 * <p>gRPC offers no public hook for failed handshakes; this wraps the TLS negotiator of the server credentials
 * through grpc-netty's {@code Internal*} classes (its extension points) and puts a handler behind gRPC's TLS
 * handler, which passes a failed handshake on as an exception. Threads: the connection's Netty event loop.
 */
final class TlsHandshakeWatch {
  private static final Logger LOG = Logger.getLogger(TlsHandshakeWatch.class);
  private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");
  private static final Pattern OPENSSL_ALERT = Pattern.compile("(?:TLSV1|SSLV3)_ALERT_([A-Z_]+)");
  /** The TLS alerts (RFC 8446 section 6.2) a client sends when it rejects the server's certificate. */
  private static final java.util.Set<String> CERTIFICATE_ALERTS =
      java.util.Set.of(
          "bad_certificate", "unsupported_certificate", "certificate_revoked", "certificate_expired",
          "certificate_unknown", "unknown_ca");

  private TlsHandshakeWatch() {}

  /** {@code tls} with every failed handshake reported to {@code counters} and the log. */
  static ServerCredentials watching(ServerCredentials tls, ControlCounters counters) {
    InternalProtocolNegotiator.ServerFactory factory = InternalNettyServerCredentials.toNegotiator(tls);
    return InternalNettyServerCredentials.create(
        new InternalProtocolNegotiator.ServerFactory() {
          @Override
          public InternalProtocolNegotiator.ProtocolNegotiator newNegotiator(
              ObjectPool<? extends Executor> executorPool) {
            return new Watching(factory.newNegotiator(executorPool), counters);
          }
        });
  }

  private record Watching(InternalProtocolNegotiator.ProtocolNegotiator delegate, ControlCounters counters)
      implements InternalProtocolNegotiator.ProtocolNegotiator {
    @Override
    public AsciiString scheme() {
      return delegate.scheme();
    }

    @Override
    public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
      ChannelHandler tls = delegate.newHandler(grpcHandler);
      return new ChannelInboundHandlerAdapter() {
        private boolean reported;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
          // gRPC's TLS handler goes in front of us; once the channel is active it adds the SslHandler and, if
          // the handshake fails, passes the failure on to the next handler: this one.
          ctx.pipeline().addBefore(ctx.name(), null, tls);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
          if (!reported && isTls(cause)) {
            reported = true;
            failed(String.valueOf(ctx.channel().remoteAddress()), cause, counters);
          }
          ctx.fireExceptionCaught(cause);
        }
      };
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static boolean isTls(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return true;
      }
    }
    return false;
  }

  /** Logs and counts one failed handshake, unless our trust manager already did. */
  static void failed(String remote, Throwable cause, ControlCounters counters) {
    String alert = null;
    for (Throwable t = cause; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof CountingTrustManager.RefusedCertificateException
          || message.contains("CERTIFICATE_VERIFY_FAILED")) {
        // Our trust manager refused the gateway's certificate: logged and counted there.
        return;
      }
      if (alert == null) {
        alert = alertIn(message);
      }
    }
    if (alert != null) {
      counters.refused(Refusal.SERVER_CERTIFICATE_REFUSED);
      LOG.warnf(
          "Gateway connection from %s failed: the gateway aborted the TLS handshake (alert %s)%s; give it the CA"
              + " of this core (PORTCULLIS_GRPC_CA, GET /api/v1/control/ca.pem) (%s)",
          remote,
          alert,
          CERTIFICATE_ALERTS.contains(alert) ? ": it refused the core's certificate" : ", most likely refusing the"
              + " core's certificate",
          Refusal.SERVER_CERTIFICATE_REFUSED);
    } else {
      counters.refused(Refusal.TLS_HANDSHAKE);
      LOG.warnf("Gateway connection from %s failed in the TLS handshake: %s (%s)", remote, cause, Refusal.TLS_HANDSHAKE);
    }
  }

  /**
   * The name of the TLS alert received, as RFC 8446 spells it, from the JDK's "Received fatal alert: x" or
   * BoringSSL's "…:TLSV1_ALERT_X" / "SSLV3_ALERT_X"; null if the message reports none.
   */
  static String alertIn(String message) {
    Matcher jdk = ALERT.matcher(message);
    if (jdk.find()) {
      return jdk.group(1);
    }
    Matcher openSsl = OPENSSL_ALERT.matcher(message);
    return openSsl.find() ? openSsl.group(1).toLowerCase(java.util.Locale.ROOT) : null;
  }
}
