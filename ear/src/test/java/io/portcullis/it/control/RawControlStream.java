package io.portcullis.it.control;

import com.google.protobuf.ByteString;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.portcullis.proto.gateway.v1.CertificateRequest;
import io.portcullis.proto.gateway.v1.CoreMessage;
import io.portcullis.proto.gateway.v1.GatewayControlGrpc;
import io.portcullis.proto.gateway.v1.GatewayMessage;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A bare {@code Connect} stream with a gateway's token and client certificate that sends what the test says,
 * for requests the real gateway would never make (a certificate request naming another gateway).
 */
final class RawControlStream implements AutoCloseable {
  private final ManagedChannel channel;
  private final StreamObserver<GatewayMessage> requests;
  final BlockingQueue<CoreMessage> received = new LinkedBlockingQueue<>();
  final CompletableFuture<Status> ended = new CompletableFuture<>();

  RawControlStream(String token, CoreApi.Credentials credentials) throws Exception {
    channel =
        Grpc.newChannelBuilderForAddress(
                "127.0.0.1",
                Integer.parseInt(System.getProperty("portcullis.it.grpcPort", "15055")),
                TlsChannelCredentials.newBuilder()
                    .trustManager(credentials.ca().toFile())
                    .keyManager(credentials.certificate().toFile(), credentials.key().toFile())
                    .build())
            .build();
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    requests =
        GatewayControlGrpc.newStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
            .connect(
                new StreamObserver<>() {
                  @Override
                  public void onNext(CoreMessage m) {
                    received.add(m);
                  }

                  @Override
                  public void onError(Throwable t) {
                    ended.complete(Status.fromThrowable(t));
                  }

                  @Override
                  public void onCompleted() {
                    ended.complete(Status.OK);
                  }
                });
  }

  /** A PKCS#10 request for a new P-256 key, with {@code subject}. */
  static byte[] csr(String subject) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    return new JcaPKCS10CertificationRequestBuilder(new X500Principal(subject), pair.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()))
        .getEncoded();
  }

  void requestCertificate(long id, byte[] csr) {
    requests.onNext(
        GatewayMessage.newBuilder()
            .setCertificateRequest(CertificateRequest.newBuilder().setRequestId(id).setCsr(ByteString.copyFrom(csr)))
            .build());
  }

  /** The next message of the core, or null after {@code limit}. */
  CoreMessage next(Duration limit) throws InterruptedException {
    return received.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    try {
      requests.onCompleted();
    } catch (RuntimeException ignored) {
      // the core ended the stream already
    }
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
