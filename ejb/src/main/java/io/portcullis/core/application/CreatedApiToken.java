package io.portcullis.core.application;

/** A new API token and its secret, which is shown this once. */
public record CreatedApiToken(ApiTokenView token, String secret) {

  @Override
  public String toString() {
    return "CreatedApiToken[" + token + ", secret hidden]";
  }
}
