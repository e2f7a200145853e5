package io.portcullis.gateway.control;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.portcullis.gateway.model.DeviceState;
import io.portcullis.gateway.model.DeviceUpdate;
import io.portcullis.gateway.model.Key;
import io.portcullis.gateway.model.PeerState;
import io.portcullis.gateway.model.PeerUpdate;
import io.portcullis.gateway.model.WireGuardDevice;
import io.portcullis.proto.gateway.v1.Applied;
import io.portcullis.proto.gateway.v1.CertificateRequest;
import io.portcullis.proto.gateway.v1.CoreMessage;
import io.portcullis.proto.gateway.v1.GatewayControlGrpc;
import io.portcullis.proto.gateway.v1.GatewayMessage;
import io.portcullis.proto.gateway.v1.Hello;
import io.portcullis.proto.gateway.v1.Mode;
import io.portcullis.proto.gateway.v1.Pong;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Keeps the gateway's interface in step with the core over the gRPC control channel.
 *
 * <p>Pipeline: one loop thread ({@link #run()}) opens a {@code Connect} stream, sends {@code Hello}, and waits
 * for the stream to end; messages from the core arrive on one gRPC thread at a time and are applied there
 * ({@link #onMessage}) — a full configuration becomes the smallest diff against what the interface runs, an
 * incremental change applies to the kept {@link LocationConfig}; a gap in revisions closes the stream so that
 * the reconnection brings a fresh full configuration. A scheduler thread sends stats. While the core is
 * unreachable the interface keeps running its last configuration; reconnection backs off exponentially with
 * jitter, and each change of state is logged once.
 *
 * <p>Credentials: the TLS files are read and checked once ({@link CredentialFiles}), and again when they change
 * on disk (checked before every reconnection and every {@code certCheckInterval} on the credentials thread). A
 * client certificate with less than a third of its life left is renewed over the stream ({@link
 * #renewCertificate()}: a new key pair made here, a PKCS#10 request, the core's answer written next to the old
 * files). New credentials get a new gRPC channel and a new stream; the interface is not touched, and the new
 * stream's full configuration is diffed against what it runs, which is normally nothing.
 */
public final class ControlClient implements AutoCloseable {
  private static final Logger LOG = System.getLogger(ControlClient.class.getName());
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** What the connection is doing, logged once per change. */
  public enum State {
    CONNECTING,
    SYNCHRONIZED,
    DISCONNECTED,
    REMOVED,
    STOPPED
  }

  private final GatewaySettings settings;
  private final WireGuardDevice device;
  private final InterfaceSetup setup;
  private final String version;
  private final Clock clock;
  private final Backoff backoff;
  private volatile ManagedChannel channel;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("portcullis-control-stats").unstarted(r));
  // Renewal waits for the core's answer: on its own thread, so that stats keep flowing meanwhile.
  private final ScheduledExecutorService credentialsThread =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("portcullis-control-credentials").unstarted(r));
  private final GatewayCredentials keeper;
  private volatile boolean switching;
  private final AtomicLong requestIds = new AtomicLong();
  private final Map<Long, CompletableFuture<CoreMessage>> certificateAnswers = new ConcurrentHashMap<>();

  private volatile boolean stopping;
  private volatile State state = State.STOPPED;
  private volatile String lastProblem = "";
  private volatile ClientCallStreamObserver<GatewayMessage> current;
  // Touched only by the gRPC thread delivering messages of the current stream.
  private LocationConfig desired;
  private long revision;
  private volatile long appliedRevision;
  // Where each peer was last seen (updated by the stats thread), and the endpoints of peers the core removed
  // recently: a peer re-created soon after (its owner enabled again) is sent a handshake at once.
  private final Map<Key, InetSocketAddress> endpoints = new ConcurrentHashMap<>();
  private final Map<Key, Removed> removed = new ConcurrentHashMap<>();

  /** The endpoint of a removed peer and when it was removed. */
  private record Removed(InetSocketAddress endpoint, Instant at) {}

  /**
   * How long a removed peer's endpoint is worth a handshake: the client keeps its old session at most until
   * REJECT_AFTER_TIME (180 s, WireGuard paper 6.1) and then handshakes by itself.
   */
  private static final Duration REMEMBER_REMOVED = Duration.ofSeconds(180);

  /**
   * A persistent-keepalive interval set for an instant on a re-created peer: turning keepalives on sends one at
   * once (Linux, wireguard-go and the userspace device alike), which without a session starts a handshake.
   */
  private static final int HANDSHAKE_KICK_KEEPALIVE = 25;

  public ControlClient(
      GatewaySettings settings,
      WireGuardDevice device,
      InterfaceSetup setup,
      String version,
      Clock clock,
      RandomGenerator random)
      throws IOException {
    this.settings = settings;
    this.device = device;
    this.setup = setup;
    this.version = version;
    this.clock = clock;
    this.backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), random);
    if (settings.plaintext()) {
      LOG.log(
          Level.WARNING,
          "the control channel to {0} is NOT encrypted (http://): for development only",
          settings.grpcUrl());
    }
    this.keeper =
        new GatewayCredentials(
            settings, clock,
            new GatewayCredentials.Channel() {
              @Override
              public void use(ClientCredentials next) throws IOException {
                ControlClient.this.use(next);
              }

              @Override
              public CoreMessage exchange(byte[] csr) throws IOException {
                return ControlClient.this.exchange(csr);
              }
            });
    this.channel = newChannel(keeper.current());
  }

  /**
   * A client that only renews the certificate ({@code portcullis-gateway renew-certificate}): {@link
   * #renewCertificate()} works without {@link #run()}, over a stream of its own that never sends Hello.
   */
  public static ControlClient forRenewal(GatewaySettings settings) throws IOException {
    return new ControlClient(settings, null, InterfaceSetup.NONE, "renew", Clock.systemUTC(), new java.util.SplittableRandom());
  }

  private ManagedChannel newChannel(ClientCredentials with) throws IOException {
    return Grpc.newChannelBuilderForAddress(settings.host(), settings.port(), channelCredentials(with))
        .keepAliveTime(30, TimeUnit.SECONDS)
        .keepAliveWithoutCalls(true)
        .build();
  }

  /** gRPC credentials from the checked PEM texts (not the files, which may change meanwhile). */
  private ChannelCredentials channelCredentials(ClientCredentials with) throws IOException {
    if (settings.plaintext()) {
      return InsecureChannelCredentials.create();
    }
    TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
    if (with.caPem().length > 0) {
      tls.trustManager(new ByteArrayInputStream(with.caPem()));
    }
    if (with.hasCertificate()) {
      tls.keyManager(new ByteArrayInputStream(with.certificatePem()), new ByteArrayInputStream(with.keyPem()));
    }
    return tls.build();
  }

  /** The credentials the channel runs with now. */
  public ClientCredentials credentials() {
    return keeper.current();
  }

  /** The connection state now. */
  public State state() {
    return state;
  }

  /** The revision of the configuration last applied to the interface (0 before the first). */
  public long appliedRevision() {
    return appliedRevision;
  }

  /**
   * Connects and reconnects until {@link #close()} or until the core removes this gateway.
   *
   * @return {@code false} when the core removed the gateway (its token is no longer valid), {@code true} when
   *     closed
   */
  public boolean run() throws InterruptedException {
    ScheduledFuture<?> stats =
        scheduler.scheduleAtFixedRate(
            this::sendStats,
            settings.statsInterval().toMillis(),
            settings.statsInterval().toMillis(),
            TimeUnit.MILLISECONDS);
    long check = settings.certificateCheckInterval().toMillis();
    ScheduledFuture<?> credentialCheck =
        credentialsThread.scheduleWithFixedDelay(this::checkCredentials, check, check, TimeUnit.MILLISECONDS);
    try {
      while (!stopping) {
        if (state != State.DISCONNECTED && state != State.SYNCHRONIZED) {
          // Retries stay DISCONNECTED: each state change is logged once, not at every attempt.
          transition(State.CONNECTING, settings.grpcUrl());
        }
        reloadIfReplaced();
        String ended = connectOnce();
        if (state == State.REMOVED) {
          return false;
        }
        if (stopping) {
          break;
        }
        if (switching) {
          // New credentials: reconnect at once on the new channel; the interface keeps running meanwhile.
          switching = false;
          continue;
        }
        Duration wait = backoff.next();
        if (!ended.equals(lastProblem)) {
          LOG.log(Level.WARNING, "control channel lost: {0}; retrying (the interface keeps running)", ended);
          lastProblem = ended;
        }
        transition(State.DISCONNECTED, ended);
        Thread.sleep(wait.toMillis());
      }
      transition(State.STOPPED, "closed");
      return true;
    } finally {
      stats.cancel(false);
      credentialCheck.cancel(false);
    }
  }

  private GatewayControlGrpc.GatewayControlStub stub() {
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + settings.token());
    return GatewayControlGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /** One stream: returns why it ended. */
  private String connectOnce() throws InterruptedException {
    CompletableFuture<String> ended = new CompletableFuture<>();
    stub().connect(
        new ClientResponseObserver<GatewayMessage, CoreMessage>() {
          @Override
          public void beforeStart(ClientCallStreamObserver<GatewayMessage> requests) {
            current = requests;
          }

          @Override
          public void onNext(CoreMessage message) {
            try {
              onMessage(message);
            } catch (RuntimeException | IOException e) {
              LOG.log(Level.ERROR, "cannot apply the core''s message: {0}", e.toString());
              current.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
              ended.complete("bad message from the core: " + e.getMessage());
            }
          }

          @Override
          public void onError(Throwable t) {
            Status status = Status.fromThrowable(t);
            if (status.getCode() == Status.Code.PERMISSION_DENIED
                && String.valueOf(status.getDescription()).contains("removed")) {
              transition(State.REMOVED, status.getDescription());
            }
            ended.complete(describe(status));
          }

          @Override
          public void onCompleted() {
            ended.complete("the core closed the stream");
          }
        });
    current.onNext(
        GatewayMessage.newBuilder()
            .setHello(
                Hello.newBuilder()
                    .setName(settings.name())
                    .setVersion(version)
                    .setHostname(GatewaySettingsLoader.hostName())
                    .setMode("kernel".equals(device.mode()) ? Mode.MODE_KERNEL : Mode.MODE_USERSPACE)
                    .setRunningRevision(appliedRevision))
            .build());
    try {
      while (true) {
        try {
          return ended.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          if (stopping) {
            current.onCompleted();
            return "closed";
          }
        }
      }
    } catch (ExecutionException e) {
      return e.getCause().toString();
    } finally {
      current = null;
      certificateAnswers.values().forEach(f -> f.completeExceptionally(new IOException("the stream ended")));
    }
  }

  static String describe(Status status) {
    String tls = tlsProblem(status.getCause());
    if (tls != null) {
      return tls;
    }
    return switch (status.getCode()) {
      case UNAUTHENTICATED -> "the core refused the token (" + status.getDescription() + ")";
      case PERMISSION_DENIED -> "the core denied access (" + status.getDescription() + ")";
      case UNAVAILABLE -> "the core is unreachable (" + status.getDescription() + ")";
      default -> status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
    };
  }

  /**
   * A failed TLS handshake in words, naming the side that refused and what to check, or null when {@code cause}
   * is not one: a certificate exception is this gateway refusing the core's certificate; a fatal TLS alert
   * received is the core refusing this gateway's client certificate.
   */
  static String tlsProblem(Throwable cause) {
    String alert = null;
    for (Throwable t = cause; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof java.security.cert.CertificateException || message.contains("CERTIFICATE_VERIFY_FAILED")) {
        Throwable root = t;
        while (root.getCause() != null) {
          root = root.getCause();
        }
        return "this gateway does not trust the core's certificate (" + root.getMessage()
            + "): check the CA it trusts (PORTCULLIS_GRPC_CA) and the host name in PORTCULLIS_GRPC_URL";
      }
      if (alert == null) {
        alert = alertIn(message);
      }
    }
    if (alert != null) {
      return "the core refused the TLS handshake (alert " + alert + "): this gateway's client certificate is"
          + " expired, revoked or not from the core's CA (PORTCULLIS_GRPC_CERT, PORTCULLIS_GRPC_KEY)";
    }
    return null;
  }

  /**
   * The TLS alert a message reports as received, as RFC 8446 names it: the JDK writes "Received fatal alert:
   * certificate_expired", BoringSSL (Netty's OpenSSL engine) "…:SSLV3_ALERT_CERTIFICATE_EXPIRED".
   */
  private static String alertIn(String message) {
    int at = message.indexOf("Received fatal alert: ");
    if (at >= 0) {
      return message.substring(at + "Received fatal alert: ".length()).split("\\s")[0];
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?:TLSV1|SSLV3)_ALERT_([A-Z_]+)").matcher(message);
    return m.find() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : null;
  }

  /** Why the last connection attempt failed, as logged; empty while synchronized. */
  public String lastProblem() {
    return lastProblem;
  }

  /** Applies one message of the core; runs on the stream's delivery thread. */
  void onMessage(CoreMessage message) throws IOException {
    switch (message.getKindCase()) {
      case CONFIGURATION -> {
        long start = System.nanoTime();
        LocationConfig next = ProtoMapping.toLocationConfig(message.getConfiguration());
        applyDesired(next, message.getRevision());
        LOG.log(
            Level.DEBUG,
            "full configuration of {0} peers applied in {1} ms",
            next.peers().size(),
            (System.nanoTime() - start) / 1_000_000);
        backoff.reset();
        lastProblem = "";
        transition(
            State.SYNCHRONIZED,
            "location " + next.locationName() + ", " + next.peers().size() + " peers, revision "
                + message.getRevision());
        // At every connection: renew now if the certificate is in the last third of its life (unless an
        // attempt failed within the check interval: a core that refuses is not asked at every reconnection).
        credentialsThread.execute(keeper::afterConnect);
      }
      case CERTIFICATE_ISSUED, CERTIFICATE_REFUSED -> answerCertificateRequest(message);
      case PEER_CHANGE -> {
        requireNext(message.getRevision());
        var change = message.getPeerChange();
        LocationConfig.Peer peer = ProtoMapping.toPeer(change.getPeer());
        LocationConfig.Peer before = desired.peers().get(peer.publicKey());
        LocationConfig next;
        LocationConfig.Peer after;
        switch (change.getKind()) {
          case KIND_CREATED, KIND_MODIFIED -> {
            next = desired.withPeer(peer);
            after = peer;
          }
          case KIND_DELETED -> {
            next = desired.withoutPeer(peer.publicKey());
            after = null;
          }
          default -> throw new IllegalArgumentException("peer change of kind " + change.getKind());
        }
        applyPeer(before, after, next, message.getRevision());
      }
      case INTERFACE_CHANGE -> {
        requireNext(message.getRevision());
        var change = message.getInterfaceChange();
        applyDesired(
            ProtoMapping.withInterface(change.getLocationName(), change.getInterface(), desired.peers()),
            message.getRevision());
      }
      case GATEWAY_REMOVED -> {
        LOG.log(
            Level.ERROR,
            "the core removed this gateway ({0}); stopping",
            message.getGatewayRemoved().getReason());
        transition(State.REMOVED, message.getGatewayRemoved().getReason());
        stopping = true;
      }
      case PING ->
          send(
              GatewayMessage.newBuilder()
                  .setPong(Pong.newBuilder().setNonce(message.getPing().getNonce()))
                  .build());
      case PONG, KIND_NOT_SET -> {}
    }
  }

  private void requireNext(long messageRevision) {
    if (desired == null || messageRevision != revision + 1) {
      throw new IllegalStateException(
          "revision " + messageRevision + " after " + revision + ": resynchronizing");
    }
  }

  /** Applies one peer's change to the interface, which runs {@link #desired}; only that peer is touched. */
  private void applyPeer(
      LocationConfig.Peer before, LocationConfig.Peer after, LocationConfig next, long messageRevision)
      throws IOException {
    DeviceUpdate update = ConfigurationDiff.ofPeer(before, after);
    if (!ConfigurationDiff.isEmpty(update)) {
      device.apply(update);
    }
    if (before != null && after == null) {
      InetSocketAddress last = endpoints.remove(before.publicKey());
      if (last != null) {
        removed.put(before.publicKey(), new Removed(last, clock.instant()));
      }
    } else if (before == null && after != null) {
      rehandshake(after);
    }
    accepted(next, messageRevision);
  }

  /**
   * A peer removed a moment ago and created again (its owner disabled, then enabled) still has a client that
   * sends with the session the interface forgot; the client would only handshake again after KEEPALIVE_TIMEOUT +
   * REKEY_TIMEOUT (15 s, paper 6.2) of silence. Initiating from here, to the endpoint it was last seen at, gives
   * it a new session within a round trip. Its keepalive setting is put back at once; its endpoint stays until
   * the client roams (the interface learns endpoints from authenticated packets anyway).
   */
  private void rehandshake(LocationConfig.Peer peer) throws IOException {
    Instant now = clock.instant();
    removed.values().removeIf(r -> r.at().plus(REMEMBER_REMOVED).isBefore(now));
    Removed gone = removed.remove(peer.publicKey());
    if (gone == null) {
      return;
    }
    device.apply(
        new DeviceUpdate(
            Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), false,
            List.of(
                new PeerUpdate(peer.publicKey(), false, true, Optional.empty(), Optional.of(gone.endpoint()),
                    OptionalInt.of(HANDSHAKE_KICK_KEEPALIVE), false, List.of()))));
    device.apply(
        new DeviceUpdate(
            Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), false,
            List.of(
                new PeerUpdate(peer.publicKey(), false, true, Optional.empty(), Optional.empty(),
                    OptionalInt.of(peer.persistentKeepalive()), false, List.of()))));
    LOG.log(Level.DEBUG, "handshake initiated towards {0} at {1}", peer.publicKey(), gone.endpoint());
  }

  private void applyDesired(LocationConfig next, long messageRevision) throws IOException {
    if (desired == null
        || !desired.addresses().equals(next.addresses())
        || desired.mtu() != next.mtu()) {
      setup.apply(device.name(), next.addresses(), next.mtu());
    }
    DeviceUpdate update = ConfigurationDiff.between(device.state(), next);
    if (!ConfigurationDiff.isEmpty(update)) {
      device.apply(update);
    }
    accepted(next, messageRevision);
  }

  /** Records that the interface runs {@code next} and tells the core. */
  private void accepted(LocationConfig next, long messageRevision) {
    desired = next;
    revision = messageRevision;
    appliedRevision = messageRevision;
    send(
        GatewayMessage.newBuilder()
            .setApplied(Applied.newBuilder().setRevision(messageRevision))
            .build());
  }

  private void sendStats() {
    if (state != State.SYNCHRONIZED) {
      return;
    }
    try {
      DeviceState now = device.state();
      rememberEndpoints(now);
      send(
          GatewayMessage.newBuilder()
              .setStats(ProtoMapping.toStatsReport(now, clock.instant()))
              .build());
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "stats not sent: {0}", e.toString());
    }
  }

  /** Keeps where each peer was last seen; runs on the stats thread. */
  private void rememberEndpoints(DeviceState state) {
    java.util.Set<Key> present = new java.util.HashSet<>();
    for (PeerState p : state.peers()) {
      present.add(p.publicKey());
      p.endpoint().ifPresent(e -> endpoints.put(p.publicKey(), e));
    }
    endpoints.keySet().retainAll(present);
  }

  private void send(GatewayMessage message) {
    ClientCallStreamObserver<GatewayMessage> stream = current;
    if (stream != null) {
      synchronized (stream) {
        stream.onNext(message);
      }
    }
  }

  private void transition(State next, String detail) {
    if (state != next) {
      state = next;
      LOG.log(
          next == State.DISCONNECTED || next == State.REMOVED ? Level.WARNING : Level.INFO,
          "control channel {0}: {1}",
          next.name().toLowerCase(java.util.Locale.ROOT),
          detail);
    }
  }

  // ---- credentials: reload and renewal (GatewayCredentials decides, this class switches the channel) ----

  /**
   * Loads the TLS files again if they changed on disk, and reconnects with them; see {@link
   * GatewayCredentials#reloadIfReplaced()}.
   *
   * @return whether new credentials are in use
   */
  boolean reloadIfReplaced() {
    return keeper.reloadIfReplaced();
  }

  /** Why the last automatic renewal failed, as logged; empty after a success or before any attempt. */
  public String lastRenewalProblem() {
    return keeper.lastRenewalProblem();
  }

  /**
   * Asks the core for a new client certificate now, writes it and its new key over the configured files and
   * reconnects with them (see {@link GatewayCredentials}); over the running stream, or one of its own that never
   * sends Hello. Blocks up to 30 s for the core's answer.
   *
   * @return the new certificate's serial (hex)
   * @throws IOException when the core refused or did not answer, or the files could not be written; the
   *     certificate in use is then kept
   */
  public String renewCertificate() throws IOException {
    return keeper.renew();
  }

  /** Makes the channel use {@code next}: a new channel, and the current stream ended so the loop reconnects. */
  private void use(ClientCredentials next) throws IOException {
    ManagedChannel replacement = newChannel(next);
    ManagedChannel old = channel;
    channel = replacement;
    ClientCallStreamObserver<GatewayMessage> stream = current;
    if (stream != null) {
      switching = true;
      stream.cancel("switching to new TLS credentials", null);
    }
    old.shutdown();
  }

  /** Periodic: TLS files replaced by hand, then the renewal date; runs on the credentials thread. */
  private void checkCredentials() {
    if (stopping) {
      return;
    }
    try {
      keeper.check();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "checking the TLS files failed: {0}", e.toString());
    }
  }

  /** Sends a certificate request and waits for the answer, on the live stream or a short one of its own. */
  private CoreMessage exchange(byte[] csr) throws IOException {
    long id = requestIds.incrementAndGet();
    CompletableFuture<CoreMessage> answer = new CompletableFuture<>();
    certificateAnswers.put(id, answer);
    GatewayMessage request =
        GatewayMessage.newBuilder()
            .setCertificateRequest(
                CertificateRequest.newBuilder().setRequestId(id).setCsr(com.google.protobuf.ByteString.copyFrom(csr)))
            .build();
    boolean own = state != State.SYNCHRONIZED || current == null;
    CompletableFuture<String> ownEnded = new CompletableFuture<>();
    ClientCallStreamObserver<GatewayMessage> ownStream = null;
    try {
      if (own) {
        ownStream = openAnswerStream(ownEnded);
        synchronized (ownStream) {
          ownStream.onNext(request);
        }
      } else {
        send(request);
      }
      CompletableFuture<Object> first = CompletableFuture.anyOf(answer, ownEnded);
      Object result = first.get(30, TimeUnit.SECONDS);
      if (result instanceof CoreMessage m) {
        return m;
      }
      throw new IOException("the stream ended before the core answered: " + result);
    } catch (TimeoutException e) {
      throw new IOException("the core did not answer the certificate request within 30 s (an older core?)", e);
    } catch (ExecutionException e) {
      throw new IOException("no answer to the certificate request: " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the core", e);
    } finally {
      certificateAnswers.remove(id);
      if (ownStream != null) {
        try {
          ownStream.onCompleted();
        } catch (RuntimeException ignored) {
          // already closed by the core
        }
      }
    }
  }

  /** A stream without Hello that only carries certificate answers. */
  private ClientCallStreamObserver<GatewayMessage> openAnswerStream(CompletableFuture<String> ended) {
    CompletableFuture<ClientCallStreamObserver<GatewayMessage>> started = new CompletableFuture<>();
    stub().connect(
        new ClientResponseObserver<GatewayMessage, CoreMessage>() {
          @Override
          public void beforeStart(ClientCallStreamObserver<GatewayMessage> requests) {
            started.complete(requests);
          }

          @Override
          public void onNext(CoreMessage message) {
            answerCertificateRequest(message);
          }

          @Override
          public void onError(Throwable t) {
            ended.complete(describe(Status.fromThrowable(t)));
          }

          @Override
          public void onCompleted() {
            ended.complete("the core closed the stream");
          }
        });
    return started.join();
  }

  /** Stops reconnecting and closes the channel; the interface itself is left to its owner. */
  @Override
  public void close() {
    stopping = true;
    ClientCallStreamObserver<GatewayMessage> stream = current;
    if (stream != null) {
      stream.cancel("gateway stopping", null);
    }
    scheduler.shutdownNow();
    credentialsThread.shutdownNow();
    channel.shutdownNow();
  }

  /** Hands the core's answer to a certificate request to whoever waits for it (a late answer finds nobody). */
  private void answerCertificateRequest(CoreMessage message) {
    long id =
        message.hasCertificateIssued()
            ? message.getCertificateIssued().getRequestId()
            : message.getCertificateRefused().getRequestId();
    CompletableFuture<CoreMessage> waiting = certificateAnswers.remove(id);
    if (waiting != null) {
      waiting.complete(message);
    }
  }
}
