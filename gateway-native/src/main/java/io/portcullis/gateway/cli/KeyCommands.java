package io.portcullis.gateway.cli;

import io.portcullis.gateway.model.Key;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** {@code genkey}, {@code genpsk} and {@code pubkey}, with wg(8)'s input and output: one base64 key per line. */
final class KeyCommands {
  /** wg pubkey reads at most this much; a key is 44 characters plus a newline. */
  private static final int MAX_INPUT = 1024;

  private KeyCommands() {}

  static void genkey(PrintStream out) {
    out.println(Curve25519Keys.generatePrivate().toBase64());
  }

  static void genpsk(PrintStream out) {
    out.println(Curve25519Keys.generatePreshared().toBase64());
  }

  /** Reads a base64 private key from {@code in} and prints its public key. */
  static void pubkey(InputStream in, PrintStream out) throws CliException {
    String text;
    try {
      byte[] bytes = in.readNBytes(MAX_INPUT + 1);
      if (bytes.length > MAX_INPUT) {
        throw new CliException("pubkey: input is too long to be a key");
      }
      text = new String(bytes, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new CliException("pubkey: cannot read standard input: " + e.getMessage(), e);
    }
    Key priv;
    try {
      priv = Key.fromBase64(text);
    } catch (IllegalArgumentException e) {
      throw new CliException("pubkey: the private key on standard input is malformed: " + e.getMessage(), e);
    }
    out.println(Curve25519Keys.publicKey(priv).toBase64());
  }
}
