package io.portcullis.core.application;

/** A new gateway and its token, shown this once; only the token's hash is stored. */
public record CreatedGateway(GatewayView gateway, String token) {

  @Override
  public String toString() {
    return "CreatedGateway[" + gateway + ", token=hidden]";
  }
}
