package io.portcullis.web;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Short references that tie an error page to its log line (8 hex digits, random so they reveal nothing). */
public final class ErrorReference {

  private static final SecureRandom RANDOM = new SecureRandom();

  private ErrorReference() {}

  public static String next() {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
