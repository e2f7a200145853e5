package io.portcullis.core.infrastructure.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets the core must keep but never show (SMTP and LDAP passwords) before they reach the database:
 * AES-256-GCM with a fresh 96-bit nonce per value, text form {@code sealed:v1:<base64(nonce ‖ ciphertext ‖ tag)>}.
 * A database dump alone then reveals nothing; the key lives in a file beside the server's other private data.
 *
 * <p>The key file is {@code portcullis.secrets.key-file} (PORTCULLIS_SECRETS_KEY_FILE), by default
 * {@code $jboss.server.data.dir/portcullis/secrets.key}: 32 random bytes, created on first use with mode 0600. Servers
 * that share one database must share this file (as they share the database password).
 */
public final class SecretSealer {

  static final String PREFIX = "sealed:v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKey key;

  SecretSealer(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("a secrets key has 32 bytes, not " + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  /** The sealer of this server, its key read (or created) once. */
  public static SecretSealer instance() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final SecretSealer INSTANCE = new SecretSealer(loadOrCreateKey(keyFile()));
  }

  static Path keyFile() {
    String configured = System.getProperty("portcullis.secrets.key-file", "");
    if (!configured.isBlank()) {
      return Path.of(configured);
    }
    String dataDir = System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir"));
    return Path.of(dataDir, "portcullis", "secrets.key");
  }

  /** Reads the key file, or creates it (0600, written to a temporary file and moved into place) when missing. */
  static byte[] loadOrCreateKey(Path file) {
    try {
      if (Files.exists(file)) {
        byte[] key = Files.readAllBytes(file);
        if (key.length != 32) {
          throw new IllegalStateException("the secrets key file " + file + " must hold 32 bytes, it holds " + key.length);
        }
        return key;
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      byte[] key = new byte[32];
      RANDOM.nextBytes(key);
      Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".secrets", ".key",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(temporary, key);
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException raced) {
        Files.delete(temporary);
      }
      // Another server (or thread) may have won the race: everyone uses what is in the file now.
      return loadOrCreateKey(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the secrets key file " + file, e);
    }
  }

  /** The sealed form of {@code secret}; null stays null. */
  public String seal(String secret) {
    if (secret == null) {
      return null;
    }
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(PREFIX.getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The secret in {@code stored}; a value without the sealed prefix is returned as it is (written before values were
   * sealed). Empty when the value was sealed with another key or altered: the caller then treats it as not set.
   */
  public Optional<String> open(String stored) {
    if (stored == null) {
      return Optional.empty();
    }
    if (!stored.startsWith(PREFIX)) {
      return Optional.of(stored);
    }
    try {
      byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
      if (in.length < NONCE_BYTES + TAG_BITS / 8) {
        return Optional.empty();
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(PREFIX.getBytes(StandardCharsets.US_ASCII));
      return Optional.of(new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return Optional.empty();
    }
  }
}
