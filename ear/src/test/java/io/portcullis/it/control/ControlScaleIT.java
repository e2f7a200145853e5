package io.portcullis.it.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.model.Key;
import io.portcullis.it.Deployments;
import io.portcullis.it.TestDatabase;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A location of 10,000 peers: the time for its full configuration to reach a gateway (over mutual TLS) and be
 * applied, and the time for one added device to reach the gateway, measured 100 times. Targets: full sync
 * under 5 s, one update under 100 ms at p99 after the commit. The test fails above 5 s for the full sync and
 * above 1 s at p99 for an update (the "within a second"); the 100 ms target is reported, not asserted,
 * because a shared 2-core machine cannot promise it. The gateway sends stats at the product's default interval
 * (10 s), every peer's counters moving, so the core also stores 10,000 samples per report meanwhile.
 */
@ExtendWith(ArquillianExtension.class)
class ControlScaleIT {
  private static final int PEERS = 10_000;
  private static final int UPDATES = 100;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  @EnabledIfSystemProperty(named = "portcullis.it.scale", matches = "true", disabledReason = "-Dportcullis.it.scale=true runs it")
  void tenThousandPeersSyncAndSingleUpdatesArriveFast() throws Exception {
    long location = CoreApi.location(44);
    long user = CoreApi.user();
    // Devices of earlier ITs (same database) got addresses in this location when it was created: they are
    // peers too, and their addresses are skipped.
    int expected = PEERS + insertDevices(location, user, PEERS);
    try {
      measure(location, user, expected);
    } finally {
      // The 10,000 devices would otherwise get addresses in every location later ITs create.
      removeInsertedDevices(user);
      try {
        CoreApi.deleteUser(user);
      } catch (AssertionError | RuntimeException e) {
        System.out.println("scale: the test user was not deleted: " + e);
      }
    }
  }

  private void measure(long location, long user, int expected) throws Exception {
    CoreApi.Gateway gw = CoreApi.gateway(location);
    CoreApi.Credentials credentials =
        CoreApi.certificate(gw.id(), Files.createTempDirectory("control-scale").resolve("c"));

    String loadBefore = loadAverage();
    long start = System.nanoTime();
    String report;
    try (TestGateway g = new TestGateway(gw.token(), credentials, false, 10)) {
      long clientReadyMs = (System.nanoTime() - start) / 1_000_000;
      TestGateway.await("10,000 peers applied", Duration.ofSeconds(60), () -> g.device.peerCount() == expected);
      long fullSyncMs = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("scale: gateway client built after %d ms, %d peers applied after %d ms%n",
          clientReadyMs, PEERS, fullSyncMs);

      List<Long> afterCommit = new ArrayList<>();
      List<Long> afterRequest = new ArrayList<>();
      SecureRandom random = new SecureRandom();
      for (int i = 0; i < UPDATES; i++) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        Key key = Key.of(raw);
        long requested = System.nanoTime();
        CoreApi.device(user, key.toBase64());
        long committed = System.nanoTime();
        TestGateway.await("update " + i, Duration.ofSeconds(5), () -> g.device.hasPeer(key));
        long arrived = g.device.changedAtNanos(key);
        afterCommit.add(Math.max(0, arrived - committed));
        afterRequest.add(arrived - requested);
      }
      report =
          String.format(
              "scale: %d peers, full sync %d ms (connect + TLS + assemble + send + apply); one update after the"
                  + " REST answer: p50 %.1f ms, p99 %.1f ms, max %.1f ms; from the REST request: p50 %.1f ms,"
                  + " p99 %.1f ms; load average before/after: %s / %s",
              PEERS, fullSyncMs, percentile(afterCommit, 50), percentile(afterCommit, 99), percentile(afterCommit, 100),
              percentile(afterRequest, 50), percentile(afterRequest, 99), loadBefore, loadAverage());
      System.out.println(report);
      assertThat(fullSyncMs).as(report).isLessThan(5_000);
      assertThat(percentile(afterCommit, 99)).as(report).isLessThan(1_000);
      JsonPath status = CoreApi.status(gw.id());
      assertThat(status.getBoolean("connected")).isTrue();
    }

    // The same gateway connecting again (a restart of its process without the JVM's start-up, or a network
    // blip): the core serves its cached snapshot, the gateway applies 10,100 peers to an empty interface.
    long again = System.nanoTime();
    try (TestGateway g = new TestGateway(gw.token(), credentials, false, 10)) {
      TestGateway.await("peers applied again", Duration.ofSeconds(60), () -> g.device.peerCount() == expected + UPDATES);
      long reconnectMs = (System.nanoTime() - again) / 1_000_000;
      report += String.format("; full sync on reconnection (gateway JVM warm) %d ms", reconnectMs);
      System.out.println(report);
      assertThat(reconnectMs).as(report).isLessThan(5_000);
    } finally {
      Files.writeString(Path.of("target/control-scale.txt"), report + "\n");
    }
  }

  /** The 1-minute load average of the machine (shared with other builds), for the report. */
  private static String loadAverage() throws java.io.IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }

  private static double percentile(List<Long> nanos, int p) {
    List<Long> sorted = nanos.stream().sorted().toList();
    int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
    return sorted.get(Math.max(0, index)) / 1e6;
  }

  /** Deletes the devices {@link #insertDevices} made (they have addresses in the scale location only). */
  private static void removeInsertedDevices(long user) throws Exception {
    try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl(), "postgres", "postgres");
        PreparedStatement delete = c.prepareStatement("DELETE FROM device WHERE user_id = ? AND name LIKE 'scale-%'")) {
      delete.setLong(1, user);
      delete.executeUpdate();
    }
  }

  /**
   * Devices straight into the database (10,000 REST calls would measure the REST layer, not the channel).
   *
   * @return how many peers the location had before (devices of enabled users with an address there)
   */
  private static int insertDevices(long location, long user, int count) throws Exception {
    SecureRandom random = new SecureRandom();
    try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl(), "postgres", "postgres")) {
      c.setAutoCommit(false);
      Set<String> taken = new HashSet<>();
      int existingPeers = 0;
      try (PreparedStatement q =
          c.prepareStatement(
              "SELECT a.address, u.enabled FROM device_address a JOIN device d ON d.id = a.device_id"
                  + " JOIN portcullis_user u ON u.id = d.user_id WHERE a.location_id = ?")) {
        q.setLong(1, location);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            taken.add(rs.getString(1));
            existingPeers += rs.getBoolean(2) ? 1 : 0;
          }
        }
      }
      try (PreparedStatement device =
              c.prepareStatement(
                  "INSERT INTO device (user_id, name, public_key, created_at) VALUES (?, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS);
          PreparedStatement address =
              c.prepareStatement(
                  "INSERT INTO device_address (device_id, location_id, pool, address) VALUES (?, ?, ?, ?)")) {
        OffsetDateTime now = OffsetDateTime.now();
        for (int i = 0; i < count; i++) {
          byte[] raw = new byte[32];
          random.nextBytes(raw);
          device.setLong(1, user);
          device.setString(2, "scale-" + i);
          device.setString(3, Base64.getEncoder().encodeToString(raw));
          device.setObject(4, now);
          device.addBatch();
        }
        device.executeBatch();
        List<Long> ids = new ArrayList<>();
        try (ResultSet keys = device.getGeneratedKeys()) {
          while (keys.next()) {
            ids.add(keys.getLong(1));
          }
        }
        assertThat(ids).hasSize(count);
        int host = 1;
        for (int i = 0; i < count; i++) {
          String free;
          do {
            host++;
            free = "10.44." + (host >> 8) + "." + (host & 0xff);
          } while (taken.contains(free));
          address.setLong(1, ids.get(i));
          address.setLong(2, location);
          address.setString(3, "10.44.0.0/16");
          address.setString(4, free);
          address.addBatch();
        }
        address.executeBatch();
      }
      c.commit();
      return existingPeers;
    }
  }
}
