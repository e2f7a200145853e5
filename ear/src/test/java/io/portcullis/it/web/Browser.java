package io.portcullis.it.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.portcullis.it.Deployments;
import io.portcullis.it.TestKeycloak;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through chromedriver, for the browser tests: installs the packages when they
 * are missing (as root), logs in through Keycloak's real form, and keeps screenshots under target/screenshots/.
 * Register {@link #evidence(java.util.function.Supplier)} so a failing test leaves its last page behind.
 */
public final class Browser implements AutoCloseable {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path SHOTS = Path.of("target/screenshots");
  public static final Path DOWNLOADS = Path.of("target/browser-downloads").toAbsolutePath();

  public final WebDriver driver;
  public final WebDriverWait wait;

  private Browser(WebDriver driver) {
    this.driver = driver;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  /** Installs Chromium and chromedriver from Debian when missing; skips the calling tests where that cannot be. */
  public static void requireChromium() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      assumeTrue("root".equals(System.getProperty("user.name")), "installing Chromium needs root");
      Process p = new ProcessBuilder("apt-get", "install", "-y", "-q", "chromium", "chromium-driver")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      p.waitFor();
    }
    assumeTrue(Files.isExecutable(CHROMEDRIVER), "Debian's chromium-driver is not installed");
    Files.createDirectories(SHOTS);
    Files.createDirectories(DOWNLOADS);
  }

  /** A fresh browser (no cookies), 1280×900, downloading into an emptied {@link #DOWNLOADS} without asking. */
  public static Browser open() throws java.io.IOException {
    try (var old = Files.list(DOWNLOADS)) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
    options.setExperimentalOption("prefs", Map.of(
        "download.default_directory", DOWNLOADS.toString(), "download.prompt_for_download", false));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new Browser(new ChromeDriver(service, options));
  }

  /** Opens {@code page}, which asks for a login, and signs in through Keycloak's form. */
  public void logIn(String page, String username, String password) {
    driver.get(Deployments.baseUrl() + page);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
    assertThat(driver.getCurrentUrl()).startsWith(TestKeycloak.realmUrl());
    driver.findElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("kc-login")).click();
    wait.until(ExpectedConditions.urlContains(Deployments.baseUrl()));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
  }

  public void click(String id) {
    click(By.id(id));
  }

  /** Clicks what {@code by} finds, finding it again when an Ajax update replaced it in the meantime. */
  public void click(By by) {
    wait.until(d -> {
      try {
        var element = ExpectedConditions.elementToBeClickable(by).apply(d);
        if (element == null) {
          return false;
        }
        element.click();
        return true;
      } catch (StaleElementReferenceException replaced) {
        return false;
      }
    });
  }

  public void type(String id, String text) {
    var field = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
    field.clear();
    field.sendKeys(text);
  }

  /**
   * Types {@code text} into a table's search field and waits until the table shows only rows with that text, so that
   * a following click on a row's button meets the filtered table the server also has.
   */
  public void search(String fieldId, String tableId, String text) {
    type(fieldId, text);
    By rows = By.cssSelector("[id='" + tableId + "_data'] > tr");
    wait.until(d -> {
      try {
        var found = d.findElements(rows);
        return !found.isEmpty() && found.stream().allMatch(r -> r.getText().contains(text));
      } catch (StaleElementReferenceException replaced) {
        return false;
      }
    });
  }

  public void screenshot(String name) throws Exception {
    Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }

  /** The browser's cookies (its login session) for a request made outside the browser. */
  public String cookies() {
    return driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
  }

  /** On a failure, what the browser showed: a screenshot and the page source next to the other screenshots. */
  public static AfterTestExecutionCallback evidence(java.util.function.Supplier<Browser> current) {
    return (ExtensionContext context) -> {
      Browser browser = current.get();
      if (browser == null || context.getExecutionException().isEmpty()) {
        return;
      }
      String name = "failed-" + context.getRequiredTestMethod().getName();
      try {
        browser.screenshot(name);
        Files.writeString(SHOTS.resolve(name + ".html"), browser.driver.getCurrentUrl() + "\n" + browser.driver.getPageSource());
      } catch (Exception e) {
        context.getExecutionException().get().addSuppressed(e);
      }
    };
  }

  @Override
  public void close() {
    driver.quit();
  }
}
