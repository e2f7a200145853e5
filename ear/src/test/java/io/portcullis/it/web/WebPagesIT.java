package io.portcullis.it.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real headless Chromium (Debian's chromium and chromium-driver) against the deployed EAR, logging
 * in through Keycloak's own form. Screenshots of each page land in target/screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
class WebPagesIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target/screenshots");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeAll
  static void chromium() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      assumeTrue("root".equals(System.getProperty("user.name")), "installing Chromium needs root");
      Process p = new ProcessBuilder("apt-get", "install", "-y", "-q", "chromium", "chromium-driver")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      p.waitFor();
    }
    assumeTrue(Files.isExecutable(CHROMEDRIVER), "Debian's chromium-driver is not installed");
    Files.createDirectories(SHOTS);
  }

  @BeforeEach
  void open() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  @AfterEach
  void close() {
    if (browser != null) {
      browser.quit();
    }
  }

  private void logIn(String page, String username, String password) {
    browser.get(Deployments.baseUrl() + page);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
    assertThat(browser.getCurrentUrl()).startsWith(TestKeycloak.realmUrl());
    browser.findElement(By.id("username")).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("kc-login")).click();
    wait.until(ExpectedConditions.urlContains(Deployments.baseUrl()));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
  }

  private void screenshot(String name) throws Exception {
    Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
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
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("add"), "Name: is required"));
    // A bad public key too, with the core's own message.
    browser.findElement(By.id("add:name")).sendKeys("phone");
    browser.findElement(By.id("add:publicKey")).sendKeys("not-a-key");
    browser.findElement(By.id("add:submit")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("add"), "Public key:"));

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
    screenshot("overview-person");

    // A POST without the form's view state (a forged cross-site request) changes nothing.
    String cookies = browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
    HttpResponse<String> forged = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(Deployments.baseUrl() + "/devices.xhtml"))
            .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
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
}
