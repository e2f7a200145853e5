package io.portcullis.gateway.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs wg-quick hooks (PreUp, PostUp, PreDown, PostDown): each command with {@code bash -c}, {@code %i} replaced by
 * the interface name, output to this process's stdout and stderr. Blocks the calling thread.
 */
public final class Hooks {
  private static final System.Logger LOG = System.getLogger(Hooks.class.getName());

  /** A hook that runs longer than this is killed and counts as failed. */
  public static final long HOOK_TIMEOUT_SECONDS = 120;

  private Hooks() {}

  /** The command line with every {@code %i} replaced by {@code iface}. */
  public static String expand(String command, String iface) {
    return command.replace("%i", iface);
  }

  /**
   * Runs {@code commands} in order and stops at the first that fails.
   *
   * @throws CliException naming the hook and its exit status
   */
  public static void run(String stage, List<String> commands, String iface) throws CliException {
    for (String c : commands) {
      String line = expand(c, iface);
      System.out.println("[#] " + line);
      System.out.flush();
      int status;
      try {
        Process p = new ProcessBuilder("bash", "-c", line).inheritIO().start();
        if (!p.waitFor(HOOK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new CliException(stage + " hook timed out after " + HOOK_TIMEOUT_SECONDS + " s: " + line);
        }
        status = p.exitValue();
      } catch (IOException e) {
        throw new CliException(stage + " hook could not start: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException(stage + " hook interrupted: " + line, e);
      }
      if (status != 0) {
        throw new CliException(stage + " hook failed with status " + status + ": " + line);
      }
    }
  }

  /** Runs {@code commands} like {@link #run} but only logs a failure: used on the way down, which must finish. */
  public static void runLogged(String stage, List<String> commands, String iface) {
    for (String c : commands) {
      try {
        run(stage, List.of(c), iface);
      } catch (CliException e) {
        LOG.log(System.Logger.Level.WARNING, e.getMessage());
      }
    }
  }
}
