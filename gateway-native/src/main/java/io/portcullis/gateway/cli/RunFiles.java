package io.portcullis.gateway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The files a running interface keeps under {@code /run/portcullis}: its daemon's pid and its log. Also the
 * rule for interface names (wg-quick's: 1 to 15 of {@code [a-zA-Z0-9_=+.-]}).
 */
public final class RunFiles {
  /** Where pid and log files live; overridable for tests with {@code -Dportcullis.run.dir}. */
  public static final Path RUN_DIRECTORY = Path.of(System.getProperty("portcullis.run.dir", "/run/portcullis"));

  private static final Pattern INTERFACE_NAME = Pattern.compile("[a-zA-Z0-9_=+.-]{1,15}");

  private RunFiles() {}

  /** Whether {@code name} can name a Linux interface the way wg-quick allows. */
  public static boolean isValidInterfaceName(String name) {
    return INTERFACE_NAME.matcher(name).matches();
  }

  public static Path pidFile(String iface) {
    return RUN_DIRECTORY.resolve(iface + ".pid");
  }

  public static Path logFile(String iface) {
    return RUN_DIRECTORY.resolve(iface + ".log");
  }

  /** Writes this process's pid atomically (temp file and rename). */
  public static void writePid(String iface) throws IOException {
    Files.createDirectories(RUN_DIRECTORY);
    Path tmp = RUN_DIRECTORY.resolve(iface + ".pid.tmp");
    Files.writeString(tmp, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
    Files.move(tmp, pidFile(iface), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The pid in the pid file of {@code iface}, empty when there is none or it is unreadable. */
  public static OptionalLong readPid(String iface) {
    try {
      return OptionalLong.of(Long.parseLong(Files.readString(pidFile(iface), StandardCharsets.US_ASCII).strip()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Deletes the pid file if it still names this process. */
  public static void removePid(String iface) {
    OptionalLong pid = readPid(iface);
    if (pid.isPresent() && pid.getAsLong() == ProcessHandle.current().pid()) {
      try {
        Files.deleteIfExists(pidFile(iface));
      } catch (IOException ignored) {
        // A leftover pid file names a dead process; down and up both cope with that.
      }
    }
  }
}
