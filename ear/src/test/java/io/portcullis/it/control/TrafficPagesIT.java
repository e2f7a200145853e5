package io.portcullis.it.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.it.Deployments;
import io.portcullis.it.TestKeycloak;
import io.portcullis.it.web.Browser;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What a gateway reports shows in the pages: a real gateway control client (over mTLS, stats every second)
 * serves a location with one device; the administrator's Overview shows the device connected and the location's
 * traffic drawn, and the device's traffic panel shows its chart and last handshake. The test gateway's counters
 * grow by 1000 received and 2000 sent bytes at every report, so the charts must show twice as much out as in.
 */
@ExtendWith(ArquillianExtension.class)
class TrafficPagesIT {

  private static final Duration SETTLE = Duration.ofSeconds(90);

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private Browser browser;

  @RegisterExtension
  final AfterTestExecutionCallback evidence = Browser.evidence(() -> browser);

  @BeforeAll
  static void chromium() throws Exception {
    Browser.requireChromium();
  }

  @AfterEach
  void close() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void theOverviewAndTheDevicePanelDrawWhatTheGatewayReports() throws Exception {
    // A location of its own group (the ITs share one database), a person in it with one device, a gateway.
    String group = CoreApi.unique("traffic-g");
    RestAssured.given().spec(Deployments.api()).body(Map.of("name", group)).post("/groups").then().statusCode(201);
    String location = CoreApi.unique("traffic-loc");
    long locationId = RestAssured.given().spec(Deployments.api())
        .body(Map.of("name", location, "addresses", List.of("10.249.0.1/16"), "endpoint", "127.0.0.1", "port", 51820,
            "allowedGroups", List.of(group)))
        .post("/locations").then().statusCode(201).extract().jsonPath().getLong("id");
    long user = CoreApi.user();
    JsonPath person = RestAssured.given().spec(Deployments.api()).get("/users/" + user).then().statusCode(200).extract().jsonPath();
    RestAssured.given().spec(Deployments.api()).body(Map.of("username", person.getString("username"), "groups", List.of(group)))
        .put("/users/" + user).then().statusCode(200);
    JsonPath device = CoreApi.device(user);
    long deviceId = device.getLong("device.id");
    String deviceName = device.getString("device.name");
    CoreApi.Gateway gateway = CoreApi.gateway(locationId);
    Path dir = Files.createTempDirectory("traffic-it");
    CoreApi.Credentials credentials = CoreApi.certificate(gateway.id(), dir);

    try (TestGateway gw = new TestGateway(gateway.token(), credentials, false)) {
      // Volumes are per minute and a peer's first minute counts nothing: wait for the second minute's bytes.
      TestGateway.await("traffic of the location in REST", SETTLE, () -> sum(locationStats(locationId), "rxBytes") > 0);

      browser = Browser.open();
      browser.logIn("/index.xhtml", TestKeycloak.ADMIN, TestKeycloak.ADMIN_PASSWORD);
      By card = By.cssSelector("section.location-card[data-location='" + location + "']");
      browser.wait.until(ExpectedConditions.presenceOfElementLocated(card));
      var section = browser.driver.findElement(card);
      assertThat(section.findElement(By.cssSelector(".connected-devices strong")).getText()).isEqualTo("1");
      assertThat(section.getText()).contains("Gateways: 1 of 1 connected").containsPattern("last handshake \\d+ (s|min) ago");
      double[] overview = chartSums("section.location-card[data-location='" + location + "'] canvas");
      assertThat(overview[0]).as("bytes in on the chart").isPositive();
      assertThat(overview[1]).as("bytes out = twice the bytes in").isCloseTo(2 * overview[0], org.assertj.core.data.Offset.offset(0.01 * overview[1] + 0.002));
      assertThat(section.findElement(By.cssSelector(".total-in")).getText()).isNotEqualTo("0 B");
      ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", section);
      browser.screenshot("overview-traffic");

      // The day view draws the same bytes in quarter-hour bars.
      browser.click(By.xpath("//div[@id='overview:range']//div[contains(., 'Last day')]"));
      browser.wait.until(d -> chartBars("section.location-card[data-location='" + location + "'] canvas") == 96);

      // The device's own panel: chart, last handshake.
      browser.driver.get(Deployments.baseUrl() + "/devices.xhtml?all=true");
      browser.search("list:query", "list:devices", deviceName);
      browser.click(By.xpath("//tr[td[contains(., '" + deviceName + "')]]//button[contains(@class, 'show-traffic')]"));
      browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("list:trafficPanel")));
      assertThat(browser.driver.findElement(By.id("list:trafficPanel")).getText()).contains("Traffic of " + deviceName);
      assertThat(browser.driver.findElement(By.id("lastHandshake")).getText()).endsWith("ago");
      double[] own = chartSums("[id='list:trafficPanel'] canvas");
      assertThat(own[0]).isPositive();
      assertThat(own[1]).isCloseTo(2 * own[0], org.assertj.core.data.Offset.offset(0.01 * own[1] + 0.002));
      ((JavascriptExecutor) browser.driver).executeScript(
          "document.getElementById('list:trafficPanel').scrollIntoView({block: 'start'})");
      browser.screenshot("device-traffic");
      assertThat(sum(RestAssured.given().spec(Deployments.api()).get("/stats/devices/" + deviceId).then().statusCode(200)
          .extract().jsonPath(), "rxBytes")).isPositive();
    }
  }

  private static JsonPath locationStats(long id) {
    return RestAssured.given().spec(Deployments.api()).get("/stats/locations/" + id).then().statusCode(200).extract().jsonPath();
  }

  private static long sum(JsonPath stats, String field) {
    return stats.getList("volumes." + field, Long.class).stream().mapToLong(Long::longValue).sum();
  }

  /** The sums of the chart's two data sets (in, out) as Chart.js holds them in the page. */
  private double[] chartSums(String canvas) {
    @SuppressWarnings("unchecked")
    List<Number> sums = (List<Number>) ((JavascriptExecutor) browser.driver).executeScript(
        "const c = Chart.getChart(document.querySelector(arguments[0]));"
            + "return c.data.datasets.map(d => d.data.reduce((a, b) => a + Number(b), 0));", canvas);
    return new double[] {sums.get(0).doubleValue(), sums.get(1).doubleValue()};
  }

  private long chartBars(String canvas) {
    Object bars = ((JavascriptExecutor) browser.driver).executeScript(
        "const e = document.querySelector(arguments[0]); const c = e && Chart.getChart(e);"
            + "return c ? c.data.labels.length : -1;", canvas);
    return ((Number) bars).longValue();
  }
}
