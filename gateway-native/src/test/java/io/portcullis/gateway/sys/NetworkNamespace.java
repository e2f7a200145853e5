package io.portcullis.gateway.sys;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away network namespace for tests: created with {@code ip netns add}, entered by one dedicated thread
 * through our own setns(2) downcall (namespaces are per thread), checked with {@code ip -n NAME -j ...}, and
 * deleted on {@link #close()}. Tests that need one are skipped, with a message, when not run as root.
 */
public final class NetworkNamespace implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final String name;
  private final ExecutorService thread;

  private NetworkNamespace(String name, ExecutorService thread) {
    this.name = name;
    this.thread = thread;
  }

  /** Creates {@code pc-<tag>-<pid>-<n>}; skips the calling test unless running as root. */
  public static NetworkNamespace create(String tag) throws IOException, InterruptedException {
    assumeTrue(ProcessCalls.geteuid() == 0, "needs root to create a network namespace (run as root)");
    String name = "pc-" + tag + "-" + ProcessCalls.getpid() % 100000 + "-" + COUNTER.incrementAndGet();
    exec(List.of("ip", "netns", "add", name));
    ExecutorService executor =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "netns-" + name));
    NetworkNamespace ns = new NetworkNamespace(name, executor);
    try {
      ns.run(
          () -> {
            int fd = FileCalls.open("/run/netns/" + name, FileCalls.O_RDONLY | FileCalls.O_CLOEXEC);
            try {
              ProcessCalls.setns(fd, ProcessCalls.CLONE_NEWNET);
            } finally {
              FileCalls.close(fd);
            }
            return null;
          });
    } catch (Exception e) {
      ns.close();
      throw new IOException("cannot enter namespace " + name, e);
    }
    return ns;
  }

  public String name() {
    return name;
  }

  /** Runs {@code work} on the thread that lives inside the namespace; at most 60 s. */
  public <T> T run(Callable<T> work) throws Exception {
    try {
      return thread.submit(work).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    } catch (TimeoutException e) {
      throw new IOException("work in namespace " + name + " did not finish in 60 s", e);
    }
  }

  /** Runs {@code ip -n NAME args...} and returns its standard output; fails on a non-zero status. */
  public String ip(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ip", "-n", name));
    command.addAll(List.of(args));
    return exec(command);
  }

  /** Runs {@code ip -n NAME -j args...} and parses the JSON array it prints. */
  public List<Object> ipJson(String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("-j"));
    all.addAll(List.of(args));
    String out = ip(all.toArray(String[]::new)).strip();
    if (out.isEmpty()) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) JsonText.parse(out);
    return list;
  }

  /** Runs a command with a 30 s limit; returns stdout or throws with stderr. */
  public static String exec(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(command + " did not finish in 30 s");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(command + " exited " + p.exitValue() + ": " + err.strip());
    }
    return out;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    thread.shutdownNow();
    thread.awaitTermination(10, TimeUnit.SECONDS);
    exec(List.of("ip", "netns", "del", name));
  }
}
