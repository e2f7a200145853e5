package io.portcullis.core.infrastructure.control;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.portcullis.proto.gateway.v1.CoreMessage;
import io.portcullis.proto.gateway.v1.GatewayControlGrpc;
import io.portcullis.proto.gateway.v1.GatewayMessage;

/** The {@code portcullis.gateway.v1.GatewayControl} service: one {@link GatewaySession} per authenticated stream. */
final class GatewayControlEndpoint extends GatewayControlGrpc.GatewayControlImplBase {

  private final ControlContext context;

  GatewayControlEndpoint(ControlContext context) {
    this.context = context;
  }

  @Override
  public StreamObserver<GatewayMessage> connect(StreamObserver<CoreMessage> responses) {
    GatewayIdentity gateway = GatewayAuthenticator.GATEWAY.get();
    String remote = GatewayAuthenticator.REMOTE.get();
    context.counters().streamOpened();
    return new GatewaySession(
        gateway, GatewayAuthenticator.CERTIFICATE.get(), remote == null ? "?" : remote,
        (ServerCallStreamObserver<CoreMessage>) responses, context);
  }
}
