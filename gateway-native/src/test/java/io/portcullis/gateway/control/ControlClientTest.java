package io.portcullis.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.portcullis.gateway.model.Key;
import io.portcullis.proto.gateway.v1.Configuration;
import io.portcullis.proto.gateway.v1.CoreMessage;
import io.portcullis.proto.gateway.v1.GatewayControlGrpc;
import io.portcullis.proto.gateway.v1.GatewayMessage;
import io.portcullis.proto.gateway.v1.Interface;
import io.portcullis.proto.gateway.v1.Peer;
import io.portcullis.proto.gateway.v1.PeerChange;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control client against a real gRPC server on loopback that plays the core. */
class ControlClientTest {
  private static final String TOKEN = "pgw_test-token";
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private Server server;
  private final BlockingQueue<StreamObserver<CoreMessage>> streams = new LinkedBlockingQueue<>();
  private final List<GatewayMessage> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger refused = new AtomicInteger();
  private final Key gatewayKey = ConfigurationDiffTest.key();

  @BeforeEach
  void startCore() throws Exception {
    ServerInterceptor auth =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            if (!("Bearer " + TOKEN).equals(headers.get(AUTHORIZATION))) {
              refused.incrementAndGet();
              call.close(Status.UNAUTHENTICATED.withDescription("unknown token"), new Metadata());
              return new ServerCall.Listener<>() {};
            }
            return next.startCall(call, headers);
          }
        };
    var service =
        new GatewayControlGrpc.GatewayControlImplBase() {
          @Override
          public StreamObserver<GatewayMessage> connect(StreamObserver<CoreMessage> responses) {
            return new StreamObserver<>() {
              @Override
              public void onNext(GatewayMessage m) {
                received.add(m);
                if (m.hasHello()) {
                  streams.add(responses);
                }
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {
                responses.onCompleted();
              }
            };
          }
        };
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(ServerInterceptors.intercept(service, auth))
            .build()
            .start();
  }

  @AfterEach
  void stopCore() throws Exception {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void aPeerCreatedAgainSoonAfterItsRemovalIsSentAHandshakeAtItsLastEndpoint() throws Exception {
    InMemoryDevice device = new InMemoryDevice();
    Key a = ConfigurationDiffTest.key();
    Key b = ConfigurationDiffTest.key();
    var seenAt = new java.net.InetSocketAddress("127.0.0.1", 40000);
    try (ControlClient client = client(device, TOKEN)) {
      Thread.ofVirtual().start(() -> {
        try {
          client.run();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      StreamObserver<CoreMessage> stream = streams.poll(10, TimeUnit.SECONDS);
      assertThat(stream).isNotNull();
      stream.onNext(configuration(1, peer(a, "10.0.0.2/32"), peer(b, "10.0.0.3/32")));
      await("full configuration applied", () -> device.peerKeys().size() == 2);
      device.learnEndpoint(a, seenAt);
      int reports = (int) received.stream().filter(GatewayMessage::hasStats).count();
      await("a stats report after the endpoint was learned",
          () -> received.stream().filter(GatewayMessage::hasStats).count() > reports);

      // The owner disabled, then enabled: the peer goes and comes back.
      stream.onNext(change(2, PeerChange.Kind.KIND_DELETED, peer(a, "10.0.0.2/32")));
      await("peer removed", () -> !device.peerKeys().contains(a));
      int before = device.applied.size();
      stream.onNext(change(3, PeerChange.Kind.KIND_CREATED, peer(a, "10.0.0.2/32")));
      await("peer back", () -> device.peerKeys().contains(a));
      await("handshake kicked", () -> device.applied.size() == before + 3);
      var kick = device.applied.get(before + 1).peers().getFirst();
      assertThat(kick.endpoint()).contains(seenAt);
      assertThat(kick.persistentKeepalive()).hasValue(25);
      assertThat(device.applied.get(before + 2).peers().getFirst().persistentKeepalive())
          .as("the keepalive the core wants, put back at once")
          .hasValue(0);

      // A peer that was never removed is created without any of this.
      Key c = ConfigurationDiffTest.key();
      int beforeNew = device.applied.size();
      stream.onNext(change(4, PeerChange.Kind.KIND_CREATED, peer(c, "10.0.0.4/32")));
      await("new peer", () -> device.peerKeys().contains(c));
      Thread.sleep(200);
      assertThat(device.applied).hasSize(beforeNew + 1);
    }
  }

  @Test
  void tlsFailuresNameTheSideThatRefused() {
    // This gateway refuses the core's certificate: the JDK reports a certificate exception under the handshake.
    var untrusted =
        new javax.net.ssl.SSLHandshakeException("PKIX path building failed");
    untrusted.initCause(
        new java.security.cert.CertificateException(
            "PKIX path building failed", new java.security.cert.CertPathBuilderException("unable to find valid certification path")));
    assertThat(ControlClient.describe(io.grpc.Status.UNAVAILABLE.withCause(untrusted)))
        .startsWith("this gateway does not trust the core's certificate (unable to find valid certification path)")
        .contains("PORTCULLIS_GRPC_CA");
    // The core refuses this gateway's certificate: a fatal alert arrives.
    var alert = new javax.net.ssl.SSLHandshakeException("Received fatal alert: certificate_expired");
    assertThat(ControlClient.describe(io.grpc.Status.UNAVAILABLE.withCause(new RuntimeException("io", alert))))
        .startsWith("the core refused the TLS handshake (alert certificate_expired)")
        .contains("PORTCULLIS_GRPC_CERT");
    // The same from Netty's OpenSSL engine, which words alerts its own way.
    var openSsl =
        new javax.net.ssl.SSLHandshakeException(
            "error:10000415:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_EXPIRED");
    assertThat(ControlClient.describe(io.grpc.Status.UNAVAILABLE.withCause(openSsl)))
        .startsWith("the core refused the TLS handshake (alert certificate_expired)");
    // Anything else keeps the plain description.
    assertThat(ControlClient.describe(io.grpc.Status.UNAVAILABLE.withDescription("connection refused")))
        .isEqualTo("the core is unreachable (connection refused)");
  }

  private ControlClient client(InMemoryDevice device, String token) throws Exception {
    var settings =
        GatewaySettingsLoader.load(
            List.of(
                "--grpc-url", "http://127.0.0.1:" + server.getPort(),
                "--token", token,
                "--interface", "wgtest",
                "--name", "gw-test",
                "--stats-interval", "1"),
            Map.of());
    return new ControlClient(settings, device, InterfaceSetup.NONE, "test", Clock.systemUTC(), new SplittableRandom(3));
  }

  private static Peer peer(Key k, String allowed) {
    return Peer.newBuilder()
        .setPublicKey(ByteString.copyFrom(k.bytes()))
        .addAllowedIps(allowed)
        .build();
  }

  private CoreMessage configuration(long revision, Peer... peers) {
    return CoreMessage.newBuilder()
        .setRevision(revision)
        .setConfiguration(
            Configuration.newBuilder()
                .setLocationName("office")
                .setInterface(
                    Interface.newBuilder()
                        .setPrivateKey(ByteString.copyFrom(gatewayKey.bytes()))
                        .addAddresses("10.0.0.1/24")
                        .setListenPort(51820)
                        .setMtu(1420))
                .addAllPeers(List.of(peers)))
        .build();
  }

  private static CoreMessage change(long revision, PeerChange.Kind kind, Peer peer) {
    return CoreMessage.newBuilder()
        .setRevision(revision)
        .setPeerChange(PeerChange.newBuilder().setKind(kind).setPeer(peer))
        .build();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void appliesFullConfigurationThenIncrementalChangesAndResyncsAfterAGap() throws Exception {
    InMemoryDevice device = new InMemoryDevice();
    Key a = ConfigurationDiffTest.key();
    Key b = ConfigurationDiffTest.key();
    try (ControlClient client = client(device, TOKEN)) {
      Thread loop = Thread.ofVirtual().start(() -> {
        try {
          client.run();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      StreamObserver<CoreMessage> stream = streams.poll(10, TimeUnit.SECONDS);
      assertThat(stream).as("the gateway connected and said hello").isNotNull();
      GatewayMessage hello = received.stream().filter(GatewayMessage::hasHello).findFirst().orElseThrow();
      assertThat(hello.getHello().getName()).isEqualTo("gw-test");

      stream.onNext(configuration(1, peer(a, "10.0.0.2/32")));
      await("full configuration applied", () -> device.peerKeys().equals(List.of(a)));
      assertThat(device.state().privateKey()).contains(gatewayKey);
      assertThat(device.state().listenPort()).isEqualTo(51820);

      stream.onNext(change(2, PeerChange.Kind.KIND_CREATED, peer(b, "10.0.0.3/32")));
      await("peer created", () -> device.peerKeys().size() == 2);
      int updatesBefore = device.applied.size();
      stream.onNext(change(3, PeerChange.Kind.KIND_DELETED, peer(a, "10.0.0.2/32")));
      await("peer deleted", () -> device.peerKeys().equals(List.of(b)));
      assertThat(device.applied).hasSize(updatesBefore + 1);
      assertThat(client.appliedRevision()).isEqualTo(3);
      await("applied acknowledgements", () -> received.stream().anyMatch(m -> m.hasApplied() && m.getApplied().getRevision() == 3));
      await("stats sent", () -> received.stream().anyMatch(GatewayMessage::hasStats));

      // A gap in revisions: the client drops the stream, reconnects, and takes the full configuration.
      stream.onNext(change(7, PeerChange.Kind.KIND_CREATED, peer(a, "10.0.0.2/32")));
      StreamObserver<CoreMessage> second = streams.poll(10, TimeUnit.SECONDS);
      assertThat(second).as("reconnected after the revision gap").isNotNull();
      assertThat(device.peerKeys()).as("the interface kept running its last configuration").containsExactly(b);
      second.onNext(configuration(8, peer(a, "10.0.0.2/32"), peer(b, "10.0.0.3/32")));
      await("resynchronized", () -> device.peerKeys().size() == 2);
      await("synchronized again", () -> client.state() == ControlClient.State.SYNCHRONIZED);

      client.close();
      loop.join(Duration.ofSeconds(10));
      assertThat(loop.isAlive()).isFalse();
    }
  }

  @Test
  void aRefusedTokenIsRetriedWithBackoffAndNeverTouchesTheInterface() throws Exception {
    InMemoryDevice device = new InMemoryDevice();
    try (ControlClient client = client(device, "pgw_wrong")) {
      Thread loop = Thread.ofVirtual().start(() -> {
        try {
          client.run();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      await("two refused attempts", () -> refused.get() >= 2);
      assertThat(client.state()).isIn(ControlClient.State.DISCONNECTED, ControlClient.State.CONNECTING);
      assertThat(device.applied).isEmpty();
      client.close();
      loop.join(Duration.ofSeconds(10));
      assertThat(loop.isAlive()).isFalse();
    }
  }
}
