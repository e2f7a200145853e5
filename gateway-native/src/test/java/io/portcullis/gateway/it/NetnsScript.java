package io.portcullis.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the netns shell scripts under {@code src/test/sh} and fails with its output when it exits non-zero.
 * Skips (assumption) where the scripts cannot run: not root, or no ip(8).
 */
final class NetnsScript {
  static final Path SCRIPTS = Path.of("src/test/sh");

  private NetnsScript() {}

  static void run(long timeoutSeconds, String script, String... args) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
        "ip(8) is not installed");
    assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
    List<String> cmd = new ArrayList<>(List.of("bash", SCRIPTS.resolve(script).toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    Thread pump = Thread.ofVirtual().start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          System.out.println(line);
          synchronized (output) {
            output.append(line).append('\n');
          }
        }
      } catch (java.io.IOException ignored) {
        // The script ended; what was read is in output.
      }
    });
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroy(); // SIGTERM: the script's trap removes namespaces and processes
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      pump.join(5000);
      throw new AssertionError(script + " timed out after " + timeoutSeconds + " s:\n" + output);
    }
    pump.join(5000);
    synchronized (output) {
      assertThat(p.exitValue()).as("%s %s:%n%s", script, String.join(" ", args), output).isZero();
    }
  }
}
