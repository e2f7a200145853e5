package io.portcullis.core.domain.model.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A personal API token's text: {@code pct_} and 32 random bytes in base64url. Shown once; the database keeps its
 * SHA-256 and the first characters (to tell tokens apart in lists).
 */
public record ApiTokenSecret(String value) {

  public static final String PREFIX = "pct_";
  private static final int RANDOM_BYTES = 32;
  private static final int SHOWN_CHARS = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  public static ApiTokenSecret generate() {
    byte[] secret = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(secret);
    return new ApiTokenSecret(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** Whether {@code text} looks like one of our tokens (and so is not for the identity provider). */
  public static boolean looksLike(String text) {
    return text != null && text.startsWith(PREFIX);
  }

  /** Lower-case hex SHA-256 of the token's UTF-8 text. */
  public String hash() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** The first characters, safe to show ({@code pct_} and 8 of the random part). */
  public String shownPrefix() {
    return value.substring(0, Math.min(SHOWN_CHARS, value.length()));
  }

  @Override
  public String toString() {
    return "ApiTokenSecret[hidden]";
  }
}
