package io.portcullis.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.it.Deployments;
import io.portcullis.it.TestKeycloak;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real headless Chromium (Debian's chromium and chromium-driver) against the deployed EAR, logging
 * in through Keycloak's own form. Screenshots of each page land in target/screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
class WebPagesIT {

  private static final Path SHOTS = Browser.SHOTS;
  private static final Path DOWNLOADS = Browser.DOWNLOADS;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private Browser session;
  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeAll
  static void chromium() throws Exception {
    Browser.requireChromium();
  }

  @BeforeEach
  void open() throws Exception {
    session = Browser.open();
    browser = session.driver;
    wait = session.wait;
  }

  @RegisterExtension
  final AfterTestExecutionCallback evidence = Browser.evidence(() -> session);

  @AfterEach
  void close() {
    if (session != null) {
      session.close();
    }
  }

  private void logIn(String page, String username, String password) {
    session.logIn(page, username, password);
  }

  /** A GET with the browser's session, not following redirects. */
  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(Deployments.baseUrl() + path)).header("Cookie", session.cookies()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void screenshot(String name) throws Exception {
    session.screenshot(name);
  }

  @Test
  void aPersonAddsADeviceAndSeesItsConfigurationOnce() throws Exception {
    String person = "pages-" + System.nanoTime();
    TestKeycloak.createUser(person, "Pass-word-1", List.of());
    // A location of the person's own group (the ITs share one database: an open location would give every
    // other test's devices an address too), so the new device gets an address and a config.
    String group = "pages-g-" + System.nanoTime();
    RestAssured.given().spec(Deployments.api()).body(Map.of("name", group)).post("/groups").then().statusCode(201);
    String location = "pages-loc-" + System.nanoTime();
    RestAssured.given().spec(Deployments.api())
        .body(Map.of("name", location, "addresses", List.of("10.251.0.1/16"), "endpoint", "vpn.example.com", "port", 51820,
            "allowedGroups", List.of(group)))
        .post("/locations").then().statusCode(201);
    long personId = RestAssured.given().spec(Deployments.apiAs(TestKeycloak.token(person, "Pass-word-1"))).get("/me")
        .then().statusCode(200).extract().jsonPath().getLong("user.id");
    RestAssured.given().spec(Deployments.api()).body(Map.of("username", person, "groups", List.of(group)))
        .put("/users/" + personId).then().statusCode(200);

    logIn("/devices.xhtml", person, "Pass-word-1");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("My devices");
    assertThat(browser.findElement(By.id("who")).getText()).isEqualTo(person);
    assertThat(browser.findElements(By.id("overview:locations"))).isEmpty();

    // An empty name is refused next to the field and in the summary.
    browser.findElement(By.id("add:submit")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("add"), "name: is required"));
    // A bad public key too, with the core's own message.
    browser.findElement(By.id("add:name")).sendKeys("phone");
    browser.findElement(By.id("add:publicKey")).sendKeys("not-a-key");
    browser.findElement(By.id("add:submit")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("add"), "publicKey:"));

    browser.findElement(By.id("add:publicKey")).clear();
    browser.findElement(By.id("add:name")).clear();
    browser.findElement(By.id("add:name")).sendKeys("laptop");
    browser.findElement(By.id("add:submit")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("pre.created-config")));
    String config = browser.findElement(By.cssSelector("pre.created-config")).getText();
    assertThat(config).contains("[Interface]").containsPattern("PrivateKey = [A-Za-z0-9+/]{43}=").contains("Endpoint = vpn.example.com:51820");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("list:devices"), "laptop"));
    screenshot("my-devices");

    // The device belongs to this person in the core too.
    long userId = personId;
    RestAssured.given().spec(Deployments.api()).get("/devices?userId=" + userId).then().statusCode(200)
        .body("items.name", org.hamcrest.Matchers.contains("laptop"));

    // The start page shows no administration to a person.
    browser.get(Deployments.baseUrl() + "/index.xhtml");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
    assertThat(browser.findElements(By.id("overview:locations"))).isEmpty();
    assertThat(browser.findElements(By.id("nav-locations"))).isEmpty();
    assertThat(browser.findElements(By.id("nav-users"))).isEmpty();
    assertThat(browser.findElements(By.id("nav-groups"))).isEmpty();
    assertThat(browser.findElements(By.id("nav-audit"))).isEmpty();
    assertThat(browser.findElements(By.id("nav-all-devices"))).isEmpty();
    screenshot("overview-person");

    // Typing an administrator's page in is refused by the core: the error page, no data, no stack trace.
    for (String page : List.of("/users.xhtml", "/groups.xhtml", "/locations.xhtml", "/audit.xhtml")) {
      browser.get(Deployments.baseUrl() + page);
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reference")));
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
      assertThat(browser.getPageSource()).doesNotContain("Exception").doesNotContain("at io.portcullis");
    }
    // ?all=true shows a person their own devices only.
    browser.get(Deployments.baseUrl() + "/devices.xhtml?all=true");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("list:devices"), "laptop"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("My devices");
    assertThat(browser.findElement(By.id("list:devices")).findElements(By.tagName("tr")))
        .hasSize(2); // the header and the person's one device
    // The CSV export of the audit log is for administrators only.
    assertThat(get("/audit.csv").statusCode()).isEqualTo(403);

    // A POST without the form's view state (a forged cross-site request) changes nothing.
    HttpResponse<String> forged = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(Deployments.baseUrl() + "/devices.xhtml"))
            .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session.cookies())
            .POST(HttpRequest.BodyPublishers.ofString("add=add&add%3Aname=forged&add%3Asubmit=add")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(forged.body()).doesNotContain("Device 'forged' added");
    RestAssured.given().spec(Deployments.api()).get("/devices?userId=" + userId).then().statusCode(200)
        .body("items.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("forged")));
  }

  @Test
  void anAdministratorSeesLocationsGatewaysAndRecentChanges() throws Exception {
    String location = "overview-" + System.nanoTime();
    String group = "overview-g-" + System.nanoTime();
    RestAssured.given().spec(Deployments.api()).body(Map.of("name", group)).post("/groups").then().statusCode(201);
    RestAssured.given().spec(Deployments.api())
        .body(Map.of("name", location, "addresses", List.of("10.252.0.1/16"), "endpoint", "vpn.example.com", "port", 51820,
            "allowedGroups", List.of(group)))
        .post("/locations").then().statusCode(201);
    logIn("/", TestKeycloak.ADMIN, TestKeycloak.ADMIN_PASSWORD);
    assertThat(browser.findElement(By.id("who")).getText()).isEqualTo(TestKeycloak.ADMIN + " (admin)");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("overview:locations"), location));
    assertThat(browser.findElement(By.id("overview:events")).getText()).contains(location);
    screenshot("overview-admin");

    // Logout ends the session: the next visit asks Keycloak for the password again.
    browser.findElement(By.id("logout")).click();
    browser.get(Deployments.baseUrl() + "/index.xhtml");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
  }
  @Test
  void anAdministratorSetsUpALocationAPersonAndADevice() throws Exception {
    String group = "admin-pages-g-" + System.nanoTime();
    RestAssured.given().spec(Deployments.api()).body(Map.of("name", group)).post("/groups").then().statusCode(201);
    String location = "admin-pages-loc-" + System.nanoTime();
    logIn("/locations.xhtml", TestKeycloak.ADMIN, TestKeycloak.ADMIN_PASSWORD);
    for (String item : List.of("nav-locations", "nav-users", "nav-groups", "nav-all-devices", "nav-audit", "nav-devices")) {
      assertThat(browser.findElements(By.id(item))).as(item).hasSize(1);
    }

    // A location: first with mistakes, shown next to their fields with the REST API's field names.
    click("list:new");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("location:name")));
    type("location:name", location);
    type("location:addresses", "10.253.0.1/16\nnot-a-network");
    type("location:endpoint", "vpn.example.com");
    type("location:mtu", "100");
    click("location:save");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "mtu: must be between 1280 and 9000"));
    assertThat(fieldBox("location:mtu").getText()).contains("mtu: must be between 1280 and 9000");
    assertThat(fieldBox("location:addresses").getText()).contains("addresses[1]:");
    screenshot("location-validation");
    // Then a rule only the core knows: the gateway address must be a host address of its network.
    type("location:addresses", "10.253.0.0/16");
    type("location:mtu", "1380");
    click("location:save");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "addresses[0]: the gateway address must be a host address"));
    assertThat(fieldBox("location:addresses").getText()).contains("addresses[0]: the gateway address must be a host address");
    type("location:addresses", "10.253.0.1/16");
    type("location:persistentKeepalive", "25");
    type("location:dns", "10.253.0.1");
    type("location:allowedGroups", group);
    click("location:save");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Location '" + location + "' saved"));
    var saved = RestAssured.given().spec(Deployments.api()).queryParam("q", location).get("/locations").then().statusCode(200)
        .extract().jsonPath();
    assertThat(saved.getList("items.name")).containsExactly(location);
    assertThat(saved.getInt("items[0].mtu")).isEqualTo(1380);
    assertThat(saved.getInt("items[0].persistentKeepalive")).isEqualTo(25);
    assertThat(saved.getList("items[0].allowedGroups")).containsExactly(group);
    long locationId = saved.getLong("items[0].id");

    // A gateway: its token once, with the command to run it.
    type("gateways:gatewayName", "gw-web");
    click("gateways:addGateway");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("gateway-token")));
    String token = browser.findElement(By.id("gateway-token")).getText().strip();
    assertThat(token).startsWith("pgw_");
    assertThat(browser.findElement(By.id("gateway-command")).getText())
        .contains("PORTCULLIS_GRPC_URL=http").contains("PORTCULLIS_TOKEN=" + token).endsWith("portcullis-gateway run");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gateways:table"), "never connected"));
    RestAssured.given().spec(Deployments.api()).get("/locations/" + locationId + "/gateways").then().statusCode(200)
        .body("items.name", org.hamcrest.Matchers.contains("gw-web"));
    screenshot("locations");
    // Leaving the page forgets the token: it is not shown again.
    browser.get(Deployments.baseUrl() + "/locations.xhtml");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("list:locations"), location));
    assertThat(browser.getPageSource()).doesNotContain(token);

    // A person in the location's group; a bad e-mail first.
    String person = "web-made-" + System.nanoTime();
    browser.get(Deployments.baseUrl() + "/users.xhtml");
    click("list:new");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user:username")));
    type("user:username", person);
    type("user:email", "not-an-address");
    click("user:save");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "email:"));
    assertThat(fieldBox("user:email").getText()).contains("email:");
    type("user:email", person + "@example.org");
    type("user:groups", group);
    click("user:save");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "User '" + person + "' saved"));
    var user = RestAssured.given().spec(Deployments.api()).queryParam("username", person).get("/users").then().statusCode(200)
        .extract().jsonPath();
    assertThat(user.getList("items[0].groups")).containsExactly(group);
    long personId = user.getLong("items[0].id");
    session.search("list:query", "list:users", person);
    screenshot("users");

    // A device for that person with a generated key pair: configuration, QR code and download, once.
    browser.get(Deployments.baseUrl() + "/devices.xhtml?all=true");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("add:owner")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Devices");
    type("add:owner", person);
    type("add:name", "phone");
    click("add:submit");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("pre.created-config")));
    String config = browser.findElement(By.cssSelector("pre.created-config")).getText().strip();
    assertThat(config).containsPattern("PrivateKey = [A-Za-z0-9+/]{43}=").contains("Address = 10.253.")
        .contains("MTU = 1380").contains("PersistentKeepalive = 25").contains("Endpoint = vpn.example.com:51820");
    assertThat(decodeQrCode(browser.findElement(By.cssSelector("svg.qr"))).strip()).isEqualTo(config);
    screenshot("devices");
    click(By.cssSelector("button.download-created"));
    Path oneTime = awaitDownload(".conf", null);
    assertThat(Files.readString(oneTime).strip()).isEqualTo(config);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("list:devices"), person));
    var device = RestAssured.given().spec(Deployments.api()).get("/devices?userId=" + personId).then().statusCode(200)
        .extract().jsonPath();
    assertThat(device.getList("items.name")).containsExactly("phone");
    // The list's download is the file without the private key (the core never keeps it).
    browser.get(Deployments.baseUrl() + "/config?device=" + device.getLong("items[0].id") + "&location=" + locationId);
    Path stored = awaitDownload(".conf", oneTime);
    assertThat(Files.readString(stored)).contains("[Interface]").contains("Address = 10.253.")
        .doesNotContain(config.lines().filter(l -> l.startsWith("PrivateKey")).findFirst().orElseThrow());

    // Disabling and deleting say what happens to the person's device first.
    browser.get(Deployments.baseUrl() + "/users.xhtml");
    session.search("list:query", "list:users", person);
    click(By.xpath("//tr[td[contains(., '" + person + "')]]//button[.//span[text()='Disable']]"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("consequence")));
    assertThat(browser.findElement(By.id("consequence")).getText())
        .contains("Disable " + person).contains("their 1 device leaves every gateway").contains("Nothing is deleted");
    screenshot("users-confirm-disable");
    click("confirm:proceed");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "User '" + person + "' disabled"));
    RestAssured.given().spec(Deployments.api()).get("/users/" + personId).then().statusCode(200).body("enabled", org.hamcrest.Matchers.is(false));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("list:users"), "disabled"));
    click(By.xpath("//tr[td[contains(., '" + person + "')]]//button[.//span[text()='Delete']]"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("consequence"), "Delete " + person));
    assertThat(browser.findElement(By.id("consequence")).getText()).contains("Their 1 device is deleted too and leaves every gateway");
    click("confirm:proceed");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "User '" + person + "' deleted"));
    RestAssured.given().spec(Deployments.api()).get("/users/" + personId).then().statusCode(404);
    RestAssured.given().spec(Deployments.api()).get("/devices/" + device.getLong("items[0].id")).then().statusCode(404);

    // The audit log has all of it, filtered, and exports the same as CSV.
    browser.get(Deployments.baseUrl() + "/audit.xhtml");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("filters:actor")));
    type("filters:actor", TestKeycloak.ADMIN);
    new Select(browser.findElement(By.id("filters:objectType"))).selectByValue("user");
    new Select(browser.findElement(By.id("filters:action"))).selectByValue("DELETE");
    click("filters:apply");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("events:table"), person));
    assertThat(browser.findElement(By.id("events:table")).getText()).doesNotContain("CREATE");
    screenshot("audit");
    String csvLink = browser.findElement(By.id("filters:csv")).getAttribute("href");
    HttpResponse<String> csv = get(URI.create(csvLink).getRawPath() + "?" + URI.create(csvLink).getRawQuery());
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    List<String> rows = csv.body().lines().toList();
    assertThat(rows.get(0)).isEqualTo("id,occurredAt,actor,action,objectType,objectId,objectName,before,after");
    assertThat(rows).anySatisfy(r -> assertThat(r).contains(",admin,DELETE,user," + personId + "," + person + ","));
    assertThat(rows.subList(1, rows.size())).allSatisfy(r -> assertThat(r).contains(",DELETE,user,"));
  }

  @Test
  void anAdministratorManagesGroups() throws Exception {
    String used = "groups-used-" + System.nanoTime();
    RestAssured.given().spec(Deployments.api()).body(Map.of("name", used)).post("/groups").then().statusCode(201);
    String location = "groups-loc-" + System.nanoTime();
    RestAssured.given().spec(Deployments.api())
        .body(Map.of("name", location, "addresses", List.of("10.248.0.1/16"), "endpoint", "vpn.example.com", "port", 51820,
            "allowedGroups", List.of(used)))
        .post("/locations").then().statusCode(201);
    logIn("/groups.xhtml", TestKeycloak.ADMIN, TestKeycloak.ADMIN_PASSWORD);

    // A new group: the name is required, then saved.
    click("list:new");
    click("group:save");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("group"), "name: is required"));
    String fresh = "groups-new-" + System.nanoTime();
    type("group:name", fresh);
    type("group:description", "made in the browser");
    click("group:save");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Group '" + fresh + "' saved"));
    assertThat(RestAssured.given().spec(Deployments.api()).queryParam("q", fresh).get("/groups").then().statusCode(200)
        .extract().jsonPath().getList("items.description")).containsExactly("made in the browser");

    // The table says which locations admit a group; a group in use cannot be deleted, and the page says why first.
    session.search("list:query", "list:groups", used);
    assertThat(browser.findElement(By.id("list:groups")).getText()).contains(location);
    screenshot("groups");
    click(By.xpath("//tr[td[contains(., '" + used + "')]]//button[.//span[text()='Delete']]"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("consequence"), "cannot be deleted"));
    assertThat(browser.findElement(By.id("consequence")).getText()).contains(location);
    assertThat(browser.findElements(By.id("confirm:proceed"))).isEmpty();
    click("confirm:cancel");

    session.search("list:query", "list:groups", fresh);
    assertThat(browser.findElement(By.id("list:groups")).getText()).contains("no location");
    click(By.xpath("//tr[td[contains(., '" + fresh + "')]]//button[.//span[text()='Delete']]"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("consequence"), "nobody loses access"));
    click("confirm:proceed");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Group '" + fresh + "' deleted"));
    assertThat(RestAssured.given().spec(Deployments.api()).queryParam("q", fresh).get("/groups").then().statusCode(200)
        .extract().jsonPath().getList("items")).isEmpty();
  }

  private void click(String id) {
    session.click(id);
  }

  private void click(By by) {
    session.click(by);
  }

  private void type(String id, String text) {
    session.type(id, text);
  }

  /** The block around a form field, where its message is shown. */
  private org.openqa.selenium.WebElement fieldBox(String id) {
    return browser.findElement(By.id(id)).findElement(By.xpath("./ancestor::div[1]"));
  }

  /** Decodes the QR code as the browser draws it (a screenshot of the element), as a phone's camera would. */
  private static String decodeQrCode(org.openqa.selenium.WebElement element) throws Exception {
    ((org.openqa.selenium.JavascriptExecutor) ((org.openqa.selenium.WrapsDriver) element).getWrappedDriver())
        .executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    byte[] png = element.getScreenshotAs(OutputType.BYTES);
    Files.write(SHOTS.resolve("qr-code.png"), png);
    var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
    var bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
        new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image)));
    return new com.google.zxing.qrcode.QRCodeReader()
        .decode(bitmap, Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
  }

  /** Waits for a finished download ending in {@code suffix} other than {@code previous}. */
  private static Path awaitDownload(String suffix, Path previous) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try (var files = Files.list(DOWNLOADS)) {
        var found = files.filter(f -> f.toString().endsWith(suffix) && !f.equals(previous)).findFirst();
        if (found.isPresent() && Files.size(found.get()) > 0) {
          return found.get();
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no download ending in " + suffix + " in " + DOWNLOADS);
  }
}
