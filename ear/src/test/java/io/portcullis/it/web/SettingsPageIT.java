package io.portcullis.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.it.Deployments;
import io.portcullis.it.TestKeycloak;
import io.portcullis.it.TestMailServer;
import io.portcullis.it.TestSlapd;
import io.restassured.RestAssured;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Settings page in Debian's headless Chromium with the real Keycloak login, against a real SMTP server
 * (GreenMail) and a real LDAP server (slapd): an administrator gets a validation error next to the field, renames
 * the instance (the header follows), sends a test mail that arrives, and tests LDAP. Screenshot:
 * target/screenshots/settings.png.
 */
@ExtendWith(ArquillianExtension.class)
class SettingsPageIT {

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

  /** The ITs share one server: the settings go back to the defaults. */
  @AfterAll
  static void restoreDefaults() {
    RestAssured.given().spec(Deployments.api()).body("""
        {"instance": {"name": null}, "identity": {"adminGroup": null},
         "smtp": {"host": null, "password": ""}, "ldap": {"url": null, "bindPassword": ""}}""")
        .put("/settings").then().statusCode(200);
  }

  @RegisterExtension
  final AfterTestExecutionCallback evidence = Browser.evidence(() -> session);

  @AfterEach
  void close() {
    if (session != null) {
      session.close();
    }
  }

  @Test
  void anAdministratorConfiguresTheInstanceMailAndLdap() throws Exception {
    boolean withLdap = TestSlapd.available();
    try (TestMailServer mail = TestMailServer.start(); TestSlapd ldap = withLdap ? TestSlapd.start() : null) {
      if (ldap != null) {
        for (String uid : List.of("alice", "bob", "carol")) {
          ldap.addPerson(uid, "pw-" + uid);
        }
      }
      session = Browser.open();
      browser = session.driver;
      wait = session.wait;
      browser.manage().window().setSize(new Dimension(1280, 1400)); // the whole form in the screenshot
      session.logIn("/settings.xhtml", TestKeycloak.ADMIN, TestKeycloak.ADMIN_PASSWORD);
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Settings");
      assertThat(browser.findElements(By.id("nav-settings"))).hasSize(1);

      // Mistakes: next to their fields and in the summary, with the REST API's field names; nothing saved.
      String name = "Page IT " + System.nanoTime() % 100_000;
      type("settings:instance-name", name);
      type("settings:smtp-host", "127.0.0.1");
      type("settings:smtp-port", "70000");
      type("settings:smtp-from", "not-an-address");
      click("settings:save");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "smtp.port: must be between 1 and 65535"));
      assertThat(fieldBox("settings:smtp-port").getText()).contains("smtp.port: must be between 1 and 65535");
      assertThat(fieldBox("settings:smtp-from").getText()).contains("smtp.from: not an e-mail address");
      assertThat(browser.findElement(By.id("instance")).getText()).isNotEqualTo(name);
      RestAssured.given().spec(Deployments.api()).get("/settings").then().statusCode(200)
          .body("instance.name", org.hamcrest.Matchers.not(name));
      session.screenshot("settings-validation");

      // Corrected and complete: saved, and the header shows the new name.
      type("settings:smtp-port", Integer.toString(mail.port()));
      new Select(browser.findElement(By.id("settings:smtp-security"))).selectByValue("NONE");
      type("settings:smtp-username", TestMailServer.USER);
      type("settings:smtp-password", TestMailServer.PASSWORD);
      type("settings:smtp-from", "vpn@example.org");
      if (ldap != null) {
        type("settings:ldap-url", ldap.url());
        type("settings:ldap-bindDn", TestSlapd.ADMIN_DN);
        type("settings:ldap-bindPassword", TestSlapd.ADMIN_PASSWORD);
        type("settings:ldap-userBaseDn", TestSlapd.PEOPLE);
      }
      click("settings:save");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Settings saved"));
      assertThat(browser.findElement(By.id("instance")).getText()).isEqualTo(name);
      assertThat(browser.getTitle()).startsWith(name + ":");
      // Passwords are stored but never sent back to the browser.
      assertThat(browser.getPageSource()).doesNotContain(TestMailServer.PASSWORD).doesNotContain(TestSlapd.ADMIN_PASSWORD);
      assertThat(browser.findElement(By.id("settings:smtp-password")).getAttribute("value")).isEmpty();
      var stored = RestAssured.given().spec(Deployments.api()).get("/settings").then().statusCode(200).extract().jsonPath();
      assertThat(stored.getString("instance.name")).isEqualTo(name);
      assertThat(stored.getInt("smtp.port")).isEqualTo(mail.port());
      assertThat(stored.getBoolean("smtp.passwordSet")).isTrue();

      // A test mail with the stored password (the field is empty again): it arrives.
      type("settings:test-to", "page-test@example.org");
      click("settings:send-test-mail");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("settings:smtp-test-result"), "accepted by 127.0.0.1:" + mail.port()));
      List<MimeMessage> received = mail.await(1, 10_000);
      assertThat(received).hasSize(1);
      assertThat(received.get(0).getSubject()).isEqualTo("Test mail from " + name);
      assertThat(received.get(0).getAllRecipients()[0].toString()).isEqualTo("page-test@example.org");

      if (ldap != null) {
        click("settings:test-ldap");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("settings:ldap-test-result"),
            "3 users match, such as alice, bob, carol"));
      }
      scrollTo("settings:smtp-test-result");
      session.screenshot("settings");

      if (ldap != null) {
        // A wrong bind password typed in (not saved): the outcome says so in words.
        type("settings:ldap-bindPassword", "wrong");
        click("settings:test-ldap");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("settings:ldap-test-result"), "LDAP error 49"));
        assertThat(browser.findElement(By.id("settings:ldap-test-result")).getText()).contains("refused the bind DN or password");
      }
      // A wrong port typed in: the test mail is not sent, and says why.
      int closed = TestMailServer.freePort();
      type("settings:smtp-port", Integer.toString(closed));
      click("settings:send-test-mail");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("settings:smtp-test-result"), "connection refused"));
      assertThat(mail.await(2, 500)).hasSize(1);
    }
  }

  private void click(String id) {
    session.click(id);
  }

  private void type(String id, String text) {
    session.type(id, text);
  }

  private void scrollTo(String id) {
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'})", browser.findElement(By.id(id)));
  }

  /** The block around a form field, where its message is shown. */
  private WebElement fieldBox(String id) {
    return browser.findElement(By.id(id)).findElement(By.xpath("./ancestor::div[1]"));
  }
}
