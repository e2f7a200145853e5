package io.portcullis.core.domain.model.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** A gateway's secret: {@code pgw_} and 32 random bytes in base64url; shown once, stored as its SHA-256. */
public record GatewayToken(String value) {

  public static final String PREFIX = "pgw_";
  private static final int RANDOM_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  public static GatewayToken generate() {
    byte[] secret = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(secret);
    return new GatewayToken(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** Lower-case hex SHA-256 of the token's UTF-8 text: what the database keeps. */
  public String hash() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "GatewayToken[hidden]";
  }
}
