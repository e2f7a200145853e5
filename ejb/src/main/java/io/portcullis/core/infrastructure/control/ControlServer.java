package io.portcullis.core.infrastructure.control;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.portcullis.core.infrastructure.pki.GatewayCertificates;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The gRPC server of the control channel, started and stopped with the application.
 *
 * <p>Threads: Netty's event loops (one acceptor, two for I/O, ended with the server) do the I/O; every call's
 * callbacks, the authentication and the feeds' recomputations run on a small pool of container-managed threads
 * (so they may call EJBs and open transactions); a managed scheduler resynchronizes the feeds and renews the
 * server certificate.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ControlServer {
  private static final Logger LOG = Logger.getLogger(ControlServer.class);
  private static final int WORKER_THREADS = 8;
  private static final int IO_THREADS = 2;

  @Resource private ManagedThreadFactory threads;
  @Resource private ManagedScheduledExecutorService scheduler;
  @Inject private LocationFeeds feeds;
  @Inject private ControlCounters counters;
  @EJB private GatewayDirectory directory;
  @EJB private LocationConfigurations configurations;
  @EJB private TrafficRecorder traffic;

  private final Clock clock = Clock.systemUTC();
  private ControlSettings settings;
  private ExecutorService workers;
  private Server server;
  private ScheduledFuture<?> resync;
  private ScheduledFuture<?> renewal;
  private GatewayCertificates certificates;
  private AdvancedTlsX509KeyManager keyManager;
  private EventLoopGroup bossLoop;
  private EventLoopGroup ioLoops;

  @PostConstruct
  void start() {
    settings = ControlSettings.from(System::getProperty);
    workers = Executors.newFixedThreadPool(WORKER_THREADS, threads);
    directory.allDisconnected(Instant.now(clock));
    feeds.start(
        new LocationFeed.Source() {
          @Override
          public Optional<LocationSnapshot> snapshot(long locationId) {
            return configurations.snapshot(locationId);
          }

          @Override
          public Optional<List<LocationSnapshot.Entry>> peers(long locationId, Set<Long> devices, Set<Long> users) {
            return configurations.peers(locationId, devices, users);
          }
        },
        workers,
        counters,
        clock);
    ControlContext context;
    try {
      // Event loops of our own, ended in stop(): gRPC's shared ones end a second after the server, when the
      // application's classes are already gone (NoClassDefFoundError warnings at every undeploy).
      ServerCredentials serverCredentials = credentials();
      context =
          new ControlContext(
              clock, counters, directory, traffic, feeds, new CertificateRenewals(certificates, directory, counters, clock));
      bossLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
      ioLoops = new MultiThreadIoEventLoopGroup(IO_THREADS, NioIoHandler.newFactory());
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress(settings.bindAddress(), settings.port()), serverCredentials)
              .bossEventLoopGroup(bossLoop)
              .workerEventLoopGroup(ioLoops)
              .channelType(NioServerSocketChannel.class)
              .executor(workers)
              .addService(
                  ServerInterceptors.intercept(
                      new GatewayControlEndpoint(context),
                      new GatewayAuthenticator(directory, counters, settings.mutualTls())))
              .permitKeepAliveTime(10, TimeUnit.SECONDS)
              .permitKeepAliveWithoutCalls(true)
              .maxInboundMessageSize(32 * 1024 * 1024)
              .build()
              .start();
    } catch (IOException | GeneralSecurityException e) {
      workers.shutdownNow();
      stopLoops();
      throw new IllegalStateException(
          "the gateway control server cannot start on " + settings.bindAddress() + ":" + settings.port() + ": "
              + e.getMessage(),
          e);
    }
    long every = settings.resyncInterval().toMillis();
    resync = scheduler.scheduleWithFixedDelay(this::resynchronize, every, every, TimeUnit.MILLISECONDS);
    if (certificates != null) {
      renewal = scheduler.scheduleWithFixedDelay(this::renewServerCertificate, 1, 1, TimeUnit.HOURS);
    }
    LOG.infof(
        "Gateway control server listening on %s:%d (%s%s)",
        settings.bindAddress(), server.getPort(), settings.tls().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
        settings.mutualTls() ? ", mutual TLS required" : "");
  }

  private ServerCredentials credentials() throws IOException, GeneralSecurityException {
    return switch (settings.tls()) {
      case PLAINTEXT -> {
        LOG.warnf(
            "The gateway control channel is NOT encrypted (portcullis.grpc.tls=plaintext): tokens and WireGuard"
                + " private keys cross the network in clear text. For development only.");
        yield InsecureServerCredentials.create();
      }
      case FILES -> {
        keyManager = new AdvancedTlsX509KeyManager();
        keyManager.updateIdentityCredentials(
            settings.certificateFile().orElseThrow().toFile(), settings.keyFile().orElseThrow().toFile());
        TlsServerCredentials.Builder tls = TlsServerCredentials.newBuilder().keyManager(keyManager);
        if (settings.mutualTls()) {
          // OPTIONAL at the TLS layer: a presented certificate is verified there, a missing one is refused by
          // the authenticator with a gRPC status the gateway can log, and counted.
          tls.trustManager(CountingTrustManager.forCa(settings.clientCaFile().orElseThrow(), counters))
              .clientAuth(TlsServerCredentials.ClientAuth.OPTIONAL);
        }
        yield TlsHandshakeWatch.watching(tls.build(), counters);
      }
      case INTERNAL_CA -> {
        certificates = GatewayCertificates.open(settings.pkiDirectory(), settings.certificateLifetime(), clock);
        certificates.ensureServerCertificate(settings.serverNames());
        keyManager = new AdvancedTlsX509KeyManager();
        keyManager.updateIdentityCredentials(
            certificates.serverCertificateFile().toFile(), certificates.serverKeyFile().toFile());
        TlsServerCredentials.Builder tls =
            TlsServerCredentials.newBuilder()
                .keyManager(keyManager)
                .trustManager(CountingTrustManager.forCa(certificates.caFile(), counters));
        // See FILES: the authenticator enforces mutual TLS so that a missing certificate is logged and counted.
        tls.clientAuth(TlsServerCredentials.ClientAuth.OPTIONAL);
        yield TlsHandshakeWatch.watching(tls.build(), counters);
      }
    };
  }

  /** Renews the server certificate before it expires; new handshakes use it, open streams are untouched. */
  void renewServerCertificate() {
    try {
      if (certificates.ensureServerCertificate(settings.serverNames())) {
        reloadServerCertificate();
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      LOG.errorf("The control channel server certificate was not renewed: %s", e.toString());
    }
  }

  /** Loads the server certificate files again (after they were replaced on disk). */
  public void reloadServerCertificate() throws IOException, GeneralSecurityException {
    if (certificates != null) {
      keyManager.updateIdentityCredentials(
          certificates.serverCertificateFile().toFile(), certificates.serverKeyFile().toFile());
    } else if (settings.tls() == ControlSettings.TlsMode.FILES) {
      keyManager.updateIdentityCredentials(
          settings.certificateFile().orElseThrow().toFile(), settings.keyFile().orElseThrow().toFile());
    }
    LOG.infof("Control channel server certificate reloaded");
  }

  private void resynchronize() {
    try {
      feeds.resynchronize(directory);
    } catch (RuntimeException e) {
      LOG.warnf("Gateway resynchronization failed: %s", e.toString());
    }
  }

  /** The settings in force. */
  public ControlSettings settings() {
    return settings;
  }

  /** The internal CA, or null when the channel does not use it. */
  public GatewayCertificates certificates() {
    return certificates;
  }

  /** The port actually bound. */
  public int port() {
    return server == null ? -1 : server.getPort();
  }

  @PreDestroy
  void stop() {
    if (resync != null) {
      resync.cancel(false);
    }
    if (renewal != null) {
      renewal.cancel(false);
    }
    feeds.stop();
    if (server != null) {
      server.shutdown();
      try {
        if (!server.awaitTermination(3, TimeUnit.SECONDS)) {
          server.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    workers.shutdownNow();
    stopLoops();
    LOG.infof("Gateway control server stopped");
  }

  private void stopLoops() {
    for (EventLoopGroup group : new EventLoopGroup[] {bossLoop, ioLoops}) {
      if (group != null) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
      }
    }
  }
}
