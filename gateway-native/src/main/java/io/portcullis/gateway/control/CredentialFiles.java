package io.portcullis.gateway.control;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's TLS files on disk ({@code PORTCULLIS_GRPC_CERT}, {@code _KEY}, {@code _CA}): read and checked
 * as one {@link ClientCredentials}, watched for replacement by their modification time, size and inode, and
 * replaced by a renewed certificate and key without a moment where a reader sees half a file or a certificate
 * next to the wrong key.
 *
 * <p>Replacing two files cannot be one atomic step, so it is journalled by the file names: both new texts are
 * written and flushed to {@code <cert>.new} and {@code <key>.new} first (the key created with mode 0600, never
 * readable by others even for an instant), then the key is renamed over the old key and the certificate over
 * the old certificate. {@link #recover()} finishes or undoes an interrupted replacement: a {@code .new}
 * certificate that matches the key in place (crash between the renames) is renamed in; otherwise leftovers are
 * removed and the old pair stays.
 *
 * <p>Not thread-safe; the {@link ControlClient} calls it from its scheduler thread and its connection loop,
 * serialized by the client.
 */
final class CredentialFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  static final String NEW_SUFFIX = ".new";

  private final Optional<Path> certificate;
  private final Optional<Path> key;
  private final Optional<Path> ca;

  CredentialFiles(Optional<Path> certificate, Optional<Path> key, Optional<Path> ca) {
    this.certificate = certificate;
    this.key = key;
    this.ca = ca;
  }

  static CredentialFiles of(GatewaySettings settings) {
    return new CredentialFiles(settings.clientCertificate(), settings.clientKey(), settings.caFile());
  }

  /** Whether a client certificate and key are configured (they can then be renewed). */
  boolean hasClientCertificate() {
    return certificate.isPresent() && key.isPresent();
  }

  Optional<Path> certificateFile() {
    return certificate;
  }

  Optional<Path> keyFile() {
    return key;
  }

  /**
   * Reads and checks all configured files.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it; nothing is changed
   * @throws IOException when a file cannot be read
   */
  ClientCredentials load() throws IOException {
    return ClientCredentials.parse(
        read(certificate), read(key), read(ca),
        new ClientCredentials.Names(name(certificate, "PORTCULLIS_GRPC_CERT"), name(key, "PORTCULLIS_GRPC_KEY"),
            name(ca, "PORTCULLIS_GRPC_CA")));
  }

  /**
   * What identifies the files' current contents without reading them: modification time, size and file key
   * (inode) of each, so that a rename over a file and an edit in place are both noticed.
   */
  Fingerprint fingerprint() {
    List<Object> parts = new ArrayList<>();
    for (Optional<Path> p : List.of(certificate, key, ca)) {
      if (p.isEmpty()) {
        parts.add("-");
        continue;
      }
      try {
        BasicFileAttributes a = Files.readAttributes(p.get(), BasicFileAttributes.class);
        parts.add(List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey())));
      } catch (IOException e) {
        parts.add("missing");
      }
    }
    return new Fingerprint(List.copyOf(parts));
  }

  /** The identity of the files' contents at one moment; equal when nothing was replaced or edited. */
  record Fingerprint(List<Object> parts) {}

  /**
   * Puts a renewed certificate and its key in place of the configured ones (see the class comment for the
   * order); the key file ends with mode 0600.
   *
   * @throws IOException when writing fails; the configured files are then unchanged unless the failure came
   *     between the two renames, which {@link #recover()} completes
   */
  void replace(byte[] certificatePem, byte[] keyPem) throws IOException {
    Path cert = certificate.orElseThrow();
    Path k = key.orElseThrow();
    Path newCert = sibling(cert);
    Path newKey = sibling(k);
    write(newKey, keyPem, true);
    write(newCert, certificatePem, false);
    Files.move(newKey, k, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.move(newCert, cert, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Completes or undoes a replacement interrupted by a crash: run before the files are first loaded.
   *
   * @return what was done, for the log, or empty when there was nothing to do
   */
  Optional<String> recover() throws IOException {
    if (!hasClientCertificate()) {
      return Optional.empty();
    }
    Path newCert = sibling(certificate.get());
    Path newKey = sibling(key.get());
    boolean certLeft = Files.exists(newCert);
    boolean keyLeft = Files.exists(newKey);
    if (!certLeft && !keyLeft) {
      return Optional.empty();
    }
    if (certLeft && !keyLeft && Files.exists(key.get())) {
      // The key was renamed in, the certificate not yet: finish if they belong together.
      try {
        ClientCredentials.parse(
            Files.readAllBytes(newCert), Files.readAllBytes(key.get()), new byte[0],
            new ClientCredentials.Names(newCert.toString(), key.get().toString(), ""));
        Files.move(newCert, certificate.get(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return Optional.of("completed the interrupted replacement of " + certificate.get());
      } catch (IllegalArgumentException e) {
        // Not a pair: fall through and drop the leftover.
      }
    }
    Files.deleteIfExists(newCert);
    Files.deleteIfExists(newKey);
    return Optional.of("removed the leftovers of an interrupted replacement next to " + certificate.get());
  }

  private static Path sibling(Path file) {
    return file.resolveSibling(file.getFileName() + NEW_SUFFIX);
  }

  /** Writes {@code bytes} to a new file (replacing a leftover), flushed to the disk before it is renamed. */
  private static void write(Path file, byte[] bytes, boolean secret) throws IOException {
    Files.deleteIfExists(file);
    boolean posix = file.toAbsolutePath().getParent().getFileSystem().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attributes =
        secret && posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    try (FileChannel channel =
        FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
      channel.write(java.nio.ByteBuffer.wrap(bytes));
      channel.force(true);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("cannot write " + file + ": it was created meanwhile", e);
    }
    if (secret && posix) {
      // The umask may have narrowed the creation mode further; never wider than 0600.
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  private static byte[] read(Optional<Path> file) throws IOException {
    if (file.isEmpty()) {
      return new byte[0];
    }
    try {
      return Files.readAllBytes(file.get());
    } catch (NoSuchFileException e) {
      throw new IOException(file.get() + " does not exist", e);
    }
  }

  private static String name(Optional<Path> file, String setting) {
    return file.map(p -> p + " (" + setting + ")").orElse(setting);
  }

  @Override
  public String toString() {
    return "CredentialFiles[" + certificate.orElse(null) + ", " + key.orElse(null) + ", " + ca.orElse(null) + "]";
  }
}
