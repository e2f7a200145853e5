package io.portcullis.core.infrastructure.control;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.portcullis.proto.gateway.v1.Configuration;
import io.portcullis.proto.gateway.v1.CoreMessage;
import io.portcullis.proto.gateway.v1.GatewayMessage;
import io.portcullis.proto.gateway.v1.GatewayRemoved;
import io.portcullis.proto.gateway.v1.Hello;
import io.portcullis.proto.gateway.v1.PeerStats;
import io.portcullis.proto.gateway.v1.Pong;
import io.portcullis.proto.gateway.v1.StatsReport;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * One gateway's {@code Connect} stream: waits for {@code Hello}, joins the location's feed (which sends the full
 * configuration and then every change), and takes the gateway's acknowledgements, pings, stats and certificate
 * requests (these also before {@code Hello}: {@code portcullis-gateway renew-certificate} opens a stream only
 * for that, which is never served configurations).
 *
 * <p>Threads: gRPC delivers the gateway's messages one at a time (on the server's executor); the feed sends from
 * its own thread, so sending is synchronized on the outgoing stream.
 */
final class GatewaySession implements StreamObserver<GatewayMessage> {
  private static final Logger LOG = Logger.getLogger(GatewaySession.class);

  private final GatewayIdentity gateway;
  private final X509Certificate certificate;
  private final String remoteAddress;
  private final ServerCallStreamObserver<CoreMessage> out;
  private final ControlContext context;
  private final Clock clock;
  private volatile Hello hello;
  private volatile boolean closed;
  private volatile Instant connectedAt;
  private volatile Instant lastSeen;
  private volatile long appliedRevision;
  private volatile Instant lastSeenRecorded = Instant.EPOCH;
  // Touched only by the gRPC delivery of this stream.
  private final Map<ByteString, PeerStats> lastReported = new HashMap<>();

  GatewaySession(
      GatewayIdentity gateway,
      X509Certificate certificate,
      String remoteAddress,
      ServerCallStreamObserver<CoreMessage> out,
      ControlContext context) {
    this.gateway = gateway;
    this.certificate = certificate;
    this.remoteAddress = remoteAddress;
    this.out = out;
    this.context = context;
    this.clock = context.clock();
    out.setOnCancelHandler(() -> end("cancelled by the gateway"));
  }

  GatewayIdentity gateway() {
    return gateway;
  }

  /** The serial (hex) of the client certificate this stream authenticated with, null without one. */
  String certificateSerial() {
    return certificate == null ? null : certificate.getSerialNumber().toString(16);
  }

  long appliedRevision() {
    return appliedRevision;
  }

  @Override
  public void onNext(GatewayMessage message) {
    lastSeen = clock.instant();
    switch (message.getKindCase()) {
      case HELLO -> onHello(message.getHello());
      case STATS -> {
        if (hello != null) {
          context.counters().statsReportReceived();
          context.traffic().record(gateway, message.getStats(), changedPeers(message.getStats()));
          recordSeen(true);
        }
      }
      case APPLIED -> {
        appliedRevision = message.getApplied().getRevision();
        recordSeen(false);
      }
      case PING ->
          send(
              CoreMessage.newBuilder()
                  .setPong(Pong.newBuilder().setNonce(message.getPing().getNonce()))
                  .build());
      case CERTIFICATE_REQUEST -> send(context.renewals().answer(gateway, certificate, remoteAddress, message.getCertificateRequest()));
      case PONG, KIND_NOT_SET -> {}
    }
  }

  private void onHello(Hello h) {
    if (hello != null) {
      return;
    }
    hello = h;
    connectedAt = clock.instant();
    // Joining first: the feed prepares the configuration on its own thread while the status row is written.
    context.feeds().join(this);
    String mode = h.getMode().name().replace("MODE_", "").toLowerCase(Locale.ROOT);
    context.directory().connected(gateway.gatewayId(), connectedAt, h.getVersion(), h.getHostname(), remoteAddress, mode);
    if (closed) {
      // Ended meanwhile (its location was deleted): the row must not stay "connected".
      context.directory().disconnected(gateway.gatewayId(), clock.instant());
    }
    LOG.infof(
        "Gateway connected: %s from %s (name '%s', version %s, %s mode, running revision %d%s)",
        gateway, remoteAddress, h.getName(), h.getVersion(), mode, h.getRunningRevision(),
        certificate == null ? "" : ", certificate " + certificateSerial());
    if (certificate != null) {
      supersede();
    }
  }

  /**
   * The first stream with a renewed certificate proves the gateway switched to it: the certificate it replaces
   * is revoked, and streams still using that one (a copy of the old files elsewhere) end.
   */
  private void supersede() {
    try {
      context.directory().certificateInUse(gateway.gatewayId(), certificateSerial(), clock.instant())
          .ifPresent(old -> {
            LOG.infof("Certificate %s of %s revoked: superseded by %s, now in use", old, gateway, certificateSerial());
            context.feeds().remove(gateway.gatewayId(), old, "its certificate " + old + " was superseded by a renewal");
          });
    } catch (RuntimeException e) {
      LOG.warnf("The certificate in use by %s was not recorded: %s", gateway, e.toString());
    }
  }

  /** The peers of {@code report} whose counters moved since the previous report of this stream. */
  private List<PeerStats> changedPeers(StatsReport report) {
    List<PeerStats> changed = new ArrayList<>();
    for (PeerStats p : report.getPeersList()) {
      PeerStats before = lastReported.put(p.getPublicKey(), p);
      if (before == null
          || before.getRxBytes() != p.getRxBytes()
          || before.getTxBytes() != p.getTxBytes()
          || !before.getLastHandshake().equals(p.getLastHandshake())) {
        changed.add(p);
      }
    }
    return changed;
  }

  /** Writes the gateway's last-seen time and applied revision at most every few seconds, or now if forced. */
  private void recordSeen(boolean force) {
    Instant now = clock.instant();
    if (force || now.isAfter(lastSeenRecorded.plusSeconds(5))) {
      lastSeenRecorded = now;
      context.directory().seen(gateway.gatewayId(), now, appliedRevision);
    }
  }

  @Override
  public void onError(Throwable t) {
    end(Status.fromThrowable(t).toString());
  }

  @Override
  public void onCompleted() {
    end("closed by the gateway");
    synchronized (out) {
      try {
        out.onCompleted();
      } catch (IllegalStateException ignored) {
        // already closed
      }
    }
  }

  private void end(String why) {
    if (closed) {
      return;
    }
    closed = true;
    context.feeds().leave(this);
    if (hello != null) {
      context.directory().disconnected(gateway.gatewayId(), clock.instant());
      LOG.infof("Gateway disconnected: %s (%s)", gateway, why);
    }
  }

  /** Sends a full configuration; called by the feed under its lock. */
  void sendFull(long revision, Configuration configuration) {
    send(CoreMessage.newBuilder().setRevision(revision).setConfiguration(configuration).build());
    LOG.infof(
        "Full configuration of location '%s' (%d peers, revision %d) sent to %s",
        configuration.getLocationName(), configuration.getPeersCount(), revision, gateway);
  }

  /** Sends one message unless the stream ended; never throws. */
  void send(CoreMessage message) {
    if (closed) {
      return;
    }
    synchronized (out) {
      try {
        out.onNext(message);
      } catch (RuntimeException e) {
        LOG.debugf("Message to %s not sent: %s", gateway, e.toString());
      }
    }
  }

  /** Tells the gateway it was removed (deleted or token revoked) and ends the stream. */
  void remove(String reason) {
    if (closed) {
      return;
    }
    synchronized (out) {
      try {
        out.onNext(
            CoreMessage.newBuilder()
                .setGatewayRemoved(GatewayRemoved.newBuilder().setReason(reason))
                .build());
        out.onError(Status.PERMISSION_DENIED.withDescription("gateway removed: " + reason).asRuntimeException());
      } catch (RuntimeException e) {
        LOG.debugf("Removal of %s not sent: %s", gateway, e.toString());
      }
    }
    LOG.warnf("Gateway removed: %s (%s); its stream is closed", gateway, reason);
    end("removed");
  }

  /** Ends the stream because its client certificate was revoked; the gateway may come back with another one. */
  void certificateRevoked(String reason) {
    if (closed) {
      return;
    }
    synchronized (out) {
      try {
        out.onError(Status.PERMISSION_DENIED.withDescription("client certificate revoked: " + reason).asRuntimeException());
      } catch (RuntimeException e) {
        LOG.debugf("Closing %s failed: %s", gateway, e.toString());
      }
    }
    LOG.warnf("Stream of %s ended: %s", gateway, reason);
    end("certificate revoked");
  }

  /** Ends the stream with UNAVAILABLE (the core cannot serve it now); the gateway reconnects later. */
  void unavailable(String reason) {
    if (closed) {
      return;
    }
    synchronized (out) {
      try {
        out.onError(Status.UNAVAILABLE.withDescription(reason).asRuntimeException());
      } catch (RuntimeException e) {
        LOG.debugf("Closing %s failed: %s", gateway, e.toString());
      }
    }
    LOG.warnf("Gateway %s not served: %s", gateway, reason);
    end("unavailable");
  }

  /** Ends the stream because the core stops (UNAVAILABLE): the gateway keeps running and reconnects later. */
  void coreStopping() {
    if (closed) {
      return;
    }
    synchronized (out) {
      try {
        out.onError(Status.UNAVAILABLE.withDescription("the core is stopping").asRuntimeException());
      } catch (RuntimeException e) {
        LOG.debugf("Closing %s failed: %s", gateway, e.toString());
      }
    }
    try {
      end("the core is stopping");
    } catch (RuntimeException e) {
      // The status row may not be writable any more while the application stops; the next start resets it.
      LOG.debugf("Disconnection of %s not recorded: %s", gateway, e.toString());
    }
  }

  /** Whether Hello arrived and the session is live. */
  boolean live() {
    return hello != null && !closed;
  }

  Hello hello() {
    return hello;
  }

  Instant connectedAt() {
    return connectedAt;
  }

  Instant lastSeen() {
    return lastSeen;
  }

  String remoteAddress() {
    return remoteAddress;
  }
}
