package io.portcullis.it.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.it.Deployments;
import io.portcullis.it.TestDatabase;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The traffic volumes of {@code /api/v1/stats} from stored samples (written here by SQL, as a gateway's reports
 * would be): a peer's first bucket in the window counts its growth since its last sample before the window; a new
 * peer's first bucket counts nothing.
 */
@ExtendWith(ArquillianExtension.class)
class TrafficStatsIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  void theFirstBucketInTheWindowCountsTheGrowthSinceTheSampleBeforeIt() throws Exception {
    // A location of its own group (the ITs share one database), its gateway, and two devices of one person.
    String group = CoreApi.unique("stats-g");
    RestAssured.given().spec(Deployments.api()).body(Map.of("name", group)).post("/groups").then().statusCode(201);
    long location = RestAssured.given().spec(Deployments.api())
        .body(Map.of("name", CoreApi.unique("stats-loc"), "addresses", List.of("10.247.0.1/16"), "endpoint", "127.0.0.1",
            "port", 51820, "allowedGroups", List.of(group)))
        .post("/locations").then().statusCode(201).extract().jsonPath().getLong("id");
    long gateway = CoreApi.gateway(location).id();
    long user = CoreApi.user();
    JsonPath known = CoreApi.device(user);
    JsonPath fresh = CoreApi.device(user);

    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Instant since = now.minus(60, ChronoUnit.MINUTES);
    try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl(), "postgres", "postgres");
        PreparedStatement insert = c.prepareStatement(
            "INSERT INTO peer_stats_raw (gateway_id, location_id, device_id, public_key, collected_at, rx_bytes, tx_bytes)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      // The known peer: a sample 10 minutes before the window, then two in it.
      Object[][] rows = {
        {known, 70, 1_000L, 2_000L}, {known, 50, 1_500L, 2_600L}, {known, 40, 1_600L, 2_800L},
        // The new peer: first seen inside the window.
        {fresh, 30, 5_000L, 9_000L}, {fresh, 20, 5_100L, 9_300L},
      };
      for (Object[] row : rows) {
        JsonPath device = (JsonPath) row[0];
        insert.setLong(1, gateway);
        insert.setLong(2, location);
        insert.setLong(3, device.getLong("device.id"));
        insert.setString(4, device.getString("device.publicKey"));
        insert.setTimestamp(5, Timestamp.from(now.minus((Integer) row[1], ChronoUnit.MINUTES)));
        insert.setLong(6, (Long) row[2]);
        insert.setLong(7, (Long) row[3]);
        insert.addBatch();
      }
      insert.executeBatch();
    }

    JsonPath knownStats = stats(known.getLong("device.id"), since);
    assertThat(knownStats.getList("volumes.rxBytes", Long.class)).containsExactly(500L, 100L);
    assertThat(knownStats.getList("volumes.txBytes", Long.class)).containsExactly(600L, 200L);
    assertThat(knownStats.getList("samples.rxBytes", Long.class)).containsExactly(1_500L, 1_600L);

    JsonPath freshStats = stats(fresh.getLong("device.id"), since);
    assertThat(freshStats.getList("volumes.rxBytes", Long.class)).containsExactly(0L, 100L);
    assertThat(freshStats.getList("volumes.txBytes", Long.class)).containsExactly(0L, 300L);

    // The location sums both peers per bucket.
    JsonPath locationStats = RestAssured.given().spec(Deployments.api())
        .get("/stats/locations/" + location + "?since=" + since).then().statusCode(200).extract().jsonPath();
    assertThat(locationStats.getList("volumes.rxBytes", Long.class)).containsExactly(500L, 100L, 0L, 100L);
  }

  private static JsonPath stats(long deviceId, Instant since) {
    return RestAssured.given().spec(Deployments.api()).get("/stats/devices/" + deviceId + "?since=" + since).then()
        .statusCode(200).extract().jsonPath();
  }
}
