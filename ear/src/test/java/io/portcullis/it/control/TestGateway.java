package io.portcullis.it.control;

import io.portcullis.gateway.control.ControlClient;
import io.portcullis.gateway.control.GatewaySettings;
import io.portcullis.gateway.control.GatewaySettingsLoader;
import io.portcullis.gateway.control.InterfaceSetup;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/** The gateway's real {@link ControlClient} on a {@link MemoryDevice}, running on its own thread. */
final class TestGateway implements AutoCloseable {
  final MemoryDevice device = new MemoryDevice();
  final ControlClient client;
  private final Thread loop;
  private volatile Boolean result;

  TestGateway(String token, CoreApi.Credentials credentials, boolean trustOnly) throws Exception {
    this(token, credentials, trustOnly, 1);
  }

  /** A gateway sending stats every {@code statsSeconds} (the product's default is 10). */
  TestGateway(String token, CoreApi.Credentials credentials, boolean trustOnly, int statsSeconds) throws Exception {
    this(token, credentials, trustOnly, statsSeconds, List.of());
  }

  /** As above, with more flags of {@code portcullis-gateway run} (e.g. {@code --cert-check-interval 1}). */
  TestGateway(String token, CoreApi.Credentials credentials, boolean trustOnly, int statsSeconds, List<String> more)
      throws Exception {
    List<String> flags =
        new ArrayList<>(
            List.of(
                "--grpc-url", "https://127.0.0.1:" + System.getProperty("portcullis.it.grpcPort", "15055"),
                "--token", token,
                "--interface", "wgit",
                "--name", CoreApi.unique("itgw"),
                "--stats-interval", Integer.toString(statsSeconds)));
    if (credentials != null) {
      flags.addAll(List.of("--grpc-ca", credentials.ca().toString()));
      if (!trustOnly) {
        flags.addAll(
            List.of("--grpc-cert", credentials.certificate().toString(), "--grpc-key", credentials.key().toString()));
      }
    }
    flags.addAll(more);
    GatewaySettings settings = GatewaySettingsLoader.load(flags, Map.of("PORTCULLIS_CONFIG", "/dev/null"));
    client = new ControlClient(settings, device, InterfaceSetup.NONE, "it-1.0", Clock.systemUTC(), new SplittableRandom(7));
    loop =
        Thread.ofPlatform()
            .name("it-gateway")
            .start(
                () -> {
                  try {
                    result = client.run();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
  }

  /** What {@link ControlClient#run()} returned, null while it runs. */
  Boolean result() {
    return result;
  }

  static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + limit + " waiting for " + what);
      }
      Thread.sleep(2);
    }
  }

  @Override
  public void close() throws InterruptedException {
    client.close();
    loop.join(Duration.ofSeconds(10));
  }
}
