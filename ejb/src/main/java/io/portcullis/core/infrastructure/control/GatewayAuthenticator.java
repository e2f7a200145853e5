package io.portcullis.core.infrastructure.control;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.portcullis.core.domain.model.gateway.GatewayToken;
import io.portcullis.core.infrastructure.pki.GatewayCertificates;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.OptionalLong;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.jboss.logging.Logger;

/**
 * Admits a {@code Connect} call only with a valid gateway token ({@code authorization: Bearer pgw_...}) and,
 * under mutual TLS, a client certificate issued to the same gateway. A refusal closes the call with {@code
 * UNAUTHENTICATED} or {@code PERMISSION_DENIED} and a description the gateway logs, logs one line here with the
 * peer's address and the reason (never the token), and is counted by reason.
 *
 * <p>Runs on the server's executor, once per call, and blocks for one database read.
 */
final class GatewayAuthenticator implements ServerInterceptor {
  private static final Logger LOG = Logger.getLogger(GatewayAuthenticator.class);
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "Bearer ";

  /** The authenticated gateway of the current call. */
  static final Context.Key<GatewayIdentity> GATEWAY = Context.key("portcullis-gateway");

  /** The client certificate of the current call, null without one. */
  static final Context.Key<X509Certificate> CERTIFICATE = Context.key("portcullis-client-certificate");

  /** The remote address of the current call, for logs and status. */
  static final Context.Key<String> REMOTE = Context.key("portcullis-remote");

  private final GatewayDirectory directory;
  private final ControlCounters counters;
  private final boolean mutualTls;

  GatewayAuthenticator(GatewayDirectory directory, ControlCounters counters, boolean mutualTls) {
    this.directory = directory;
    this.counters = counters;
    this.mutualTls = mutualTls;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String remote = remote(call);
    String header = headers.get(AUTHORIZATION);
    if (header == null || !header.startsWith(BEARER + GatewayToken.PREFIX)) {
      return refuse(call, Refusal.MISSING_TOKEN, Status.UNAUTHENTICATED, "no gateway token (authorization: Bearer pgw_...)", remote);
    }
    String hash = new GatewayToken(header.substring(BEARER.length()).strip()).hash();
    GatewayDirectory.Lookup lookup;
    try {
      lookup = directory.authenticate(hash);
    } catch (RuntimeException e) {
      LOG.warnf("Gateway connection from %s not checked: the database failed (%s)", remote, e.toString());
      call.close(Status.UNAVAILABLE.withDescription("the core cannot check tokens now"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    if (lookup.refusal() == Refusal.UNKNOWN_TOKEN) {
      return refuse(call, Refusal.UNKNOWN_TOKEN, Status.UNAUTHENTICATED, "unknown gateway token", remote);
    }
    GatewayIdentity gateway = lookup.identity();
    if (lookup.refusal() == Refusal.REVOKED_TOKEN) {
      return refuse(
          call, Refusal.REVOKED_TOKEN, Status.PERMISSION_DENIED,
          "gateway removed: the token of gateway " + gateway.gatewayId() + " was revoked", remote);
    }
    Optional<X509Certificate> certificate = clientCertificate(call);
    if (mutualTls && certificate.isEmpty()) {
      return refuse(call, Refusal.MISSING_CERTIFICATE, Status.UNAUTHENTICATED, "a client certificate is required", remote);
    }
    if (certificate.isPresent()) {
      OptionalLong certified = GatewayCertificates.gatewayIdOf(certificate.get());
      if (certified.isPresent() && certified.getAsLong() != gateway.gatewayId()) {
        return refuse(
            call, Refusal.CERTIFICATE_MISMATCH, Status.PERMISSION_DENIED,
            "the client certificate belongs to gateway " + certified.getAsLong() + ", the token to gateway "
                + gateway.gatewayId() + " of location '" + gateway.locationName() + "'",
            remote);
      }
      if (certified.isEmpty() && mutualTls) {
        return refuse(
            call, Refusal.CERTIFICATE_MISMATCH, Status.PERMISSION_DENIED,
            "the client certificate names no Portcullis gateway", remote);
      }
      Optional<Refusal> revoked =
          directory.checkCertificate(certificate.get().getSerialNumber().toString(16), gateway.gatewayId());
      if (revoked.isPresent()) {
        return refuse(call, revoked.get(), Status.PERMISSION_DENIED, "the client certificate was revoked", remote);
      }
    }
    Context context =
        Context.current().withValues(GATEWAY, gateway, REMOTE, remote, CERTIFICATE, certificate.orElse(null));
    return Contexts.interceptCall(context, call, headers, next);
  }

  private <Q, R> ServerCall.Listener<Q> refuse(
      ServerCall<Q, R> call, Refusal reason, Status status, String description, String remote) {
    counters.refused(reason);
    LOG.warnf("Gateway connection from %s refused: %s (%s)", remote, description, reason);
    call.close(status.withDescription(description), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  private static String remote(ServerCall<?, ?> call) {
    SocketAddress address = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    return address == null ? "?" : address.toString().replaceFirst("^/", "");
  }

  private static Optional<X509Certificate> clientCertificate(ServerCall<?, ?> call) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate x ? Optional.of(x) : Optional.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }
}
