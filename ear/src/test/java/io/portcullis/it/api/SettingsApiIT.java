package io.portcullis.it.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.portcullis.it.Deployments;
import io.portcullis.it.TestKeycloak;
import io.portcullis.it.TestMailServer;
import io.portcullis.it.TestSlapd;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /api/v1/settings} against the deployed EAR, with a real SMTP server (GreenMail) and a real LDAP server
 * (Debian's slapd) started by the test: round trips, validation with field names, secrets never returned, the
 * audit event with masked secrets, the tests' answers for working and broken servers, admins only.
 */
@ExtendWith(ArquillianExtension.class)
class SettingsApiIT {

  private static final String SMTP_SECRET = "smtp-secret-" + System.nanoTime();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private static RequestSpecification api() {
    return given().spec(Deployments.api());
  }

  /** The ITs share one server: what these tests set is set back to the defaults. */
  @AfterAll
  static void restoreDefaults() {
    api().body(defaults()).put("/settings").then().statusCode(200);
  }

  static String defaults() {
    return """
        {"instance": {"name": null}, "identity": {"adminGroup": null},
         "smtp": {"host": null, "port": null, "security": null, "username": null, "password": "", "from": null},
         "ldap": {"url": null, "bindDn": null, "bindPassword": "", "userBaseDn": null, "userFilter": null,
                  "usernameAttribute": null, "groupBaseDn": null, "groupFilter": null}}""";
  }

  static String smtp(int port, String password) {
    return """
        {"host": "127.0.0.1", "port": %d, "security": "none", "username": "%s", "password": %s, "from": "vpn@example.org"}"""
        .formatted(port, TestMailServer.USER, password == null ? "null" : "\"" + password + "\"");
  }

  private static String storedSmtpPassword() throws Exception {
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUrl(io.portcullis.it.TestDatabase.jdbcUrl());
    ds.setUser("postgres");
    ds.setPassword("postgres");
    try (var connection = ds.getConnection();
        var rows = connection.createStatement().executeQuery("SELECT smtp_password FROM instance_settings WHERE id = 1")) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }

  @Test
  void roundTripKeepsSecretsWriteOnly() throws Exception {
    api().body(defaults()).put("/settings").then().statusCode(200)
        .body("instance.nameDefault", equalTo(true)).body("smtp.configured", equalTo(false));

    api().body(smtp(2525, SMTP_SECRET)).put("/settings/smtp").then().statusCode(200)
        .body("smtp.passwordSet", equalTo(true)).body("smtp.port", equalTo(2525)).body("smtp.security", equalTo("NONE"));
    String shown = api().get("/settings").then().statusCode(200).extract().asString();
    assertThat(shown).doesNotContain(SMTP_SECRET).contains("\"passwordSet\":true");
    // In the database the password is sealed (AES-GCM under the server's key file), never as typed; the test mails
    // below prove the core opens it again.
    assertThat(storedSmtpPassword()).startsWith("sealed:v1:").doesNotContain(SMTP_SECRET);

    // The GET document goes back as it is, with one change; the password stays stored.
    Map<String, Object> document = JsonPath.from(shown).getMap("");
    @SuppressWarnings("unchecked")
    Map<String, Object> instance = (Map<String, Object>) document.get("instance");
    instance.put("name", "Settings IT");
    String saved = api().body(document).put("/settings").then().statusCode(200)
        .body("instance.name", equalTo("Settings IT")).body("instance.nameDefault", equalTo(false))
        .body("smtp.passwordSet", equalTo(true)).body("smtp.host", equalTo("127.0.0.1"))
        .body("updatedBy", equalTo(TestKeycloak.ADMIN)).extract().asString();
    assertThat(saved).doesNotContain(SMTP_SECRET);

    // The audit event has the before and after, secrets masked and named when they change.
    api().body(smtp(2526, SMTP_SECRET + "-2")).put("/settings/smtp").then().statusCode(200);
    JsonPath audit = api().queryParam("objectType", "settings").queryParam("limit", 1).get("/audit").then()
        .statusCode(200).extract().jsonPath();
    assertThat(audit.getString("items[0].actor")).isEqualTo(TestKeycloak.ADMIN);
    assertThat(audit.getString("items[0].action")).isEqualTo("UPDATE");
    String before = audit.getString("items[0].before");
    String after = audit.getString("items[0].after");
    assertThat(before).contains("\"port\":2525").contains("\"password\":\"********\"");
    assertThat(after).contains("\"port\":2526").contains("\"password\":\"********\"").contains("changedSecrets")
        .contains("smtp.password");
    assertThat(before + after).doesNotContain(SMTP_SECRET);

    // "" removes a password.
    api().body(smtp(2526, "")).put("/settings/smtp").then().statusCode(200).body("smtp.passwordSet", equalTo(false));
  }

  @Test
  void badFieldsAreNamedAndNothingIsWritten() {
    api().body("{\"name\": \"Before bad input\"}").put("/settings/instance").then().statusCode(200);
    String bad = """
        {"instance": {"name": "Never saved"}, "identity": {"adminGroup": null},
         "smtp": {"host": "mail.example.org", "port": 70000, "security": "ssl", "from": "not-an-address"},
         "ldap": {"url": "http://ldap.example.org", "bindDn": "not a dn", "userBaseDn": "ou=people,dc=example,dc=org",
                  "userFilter": "uid=*"}}""";
    api().body(bad).put("/settings").then().statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:portcullis:problem:invalid-request"))
        .body("errors.field", hasItems("smtp.port", "smtp.security", "smtp.from", "ldap.url", "ldap.bindDn", "ldap.userFilter"))
        .body("errors.find { it.field == 'smtp.port' }.message", equalTo("must be between 1 and 65535"))
        .body("errors.find { it.field == 'smtp.from' }.message", equalTo("not an e-mail address"));
    api().get("/settings").then().statusCode(200).body("instance.name", equalTo("Before bad input"));
    // A whole document needs all four sections; a section on its own has its own path.
    api().body("{\"instance\": {\"name\": \"x\"}}").put("/settings").then().statusCode(400)
        .body("errors.field", hasItems("identity", "smtp", "ldap"));
    api().body("{\"instance\": {\"nam\": \"x\"}}").put("/settings").then().statusCode(400)
        .body("type", equalTo("urn:portcullis:problem:malformed-json"));
  }

  @Test
  void peopleWhoAreNotAdministratorsGet403() {
    String person = "settings-person-" + System.nanoTime();
    TestKeycloak.createUser(person, "Pass-word-1", List.of());
    RequestSpecification asPerson = given().spec(Deployments.apiAs(TestKeycloak.token(person, "Pass-word-1")));
    asPerson.get("/settings").then().statusCode(403).contentType("application/problem+json");
    given().spec(Deployments.apiAs(TestKeycloak.token(person, "Pass-word-1"))).body("{\"name\": \"hijacked\"}")
        .put("/settings/instance").then().statusCode(403);
    given().spec(Deployments.apiAs(TestKeycloak.token(person, "Pass-word-1"))).body("{\"to\": \"a@example.org\"}")
        .post("/settings/smtp/test").then().statusCode(403);
    given().spec(Deployments.apiAs(TestKeycloak.token(person, "Pass-word-1"))).body("{}")
        .post("/settings/ldap/test").then().statusCode(403);
    api().get("/settings").then().statusCode(200).body("instance.name", org.hamcrest.Matchers.not(equalTo("hijacked")));
  }

  @Test
  void theStoredAdminGroupMakesItsMembersAdministrators() {
    String group = "settings-admins-" + System.nanoTime();
    assertThat(TestKeycloak.adminApi("POST", "/groups", "{\"name\": \"" + group + "\"}").statusCode()).isEqualTo(201);
    String boss = "settings-boss-" + System.nanoTime();
    TestKeycloak.createUser(boss, "Pass-word-1", List.of("/" + group));
    given().spec(Deployments.apiAs(TestKeycloak.token(boss, "Pass-word-1"))).get("/me").then().statusCode(200)
        .body("admin", equalTo(false));
    try {
      api().body("{\"adminGroup\": \"" + group + "\"}").put("/settings/identity").then().statusCode(200)
          .body("identity.adminGroup", equalTo(group)).body("identity.adminGroupDefault", equalTo(false));
      given().spec(Deployments.apiAs(TestKeycloak.token(boss, "Pass-word-1"))).get("/settings").then().statusCode(200);
    } finally {
      api().body("{\"adminGroup\": null}").put("/settings/identity").then().statusCode(200)
          .body("identity.adminGroup", equalTo("portcullis-admin")).body("identity.adminGroupDefault", equalTo(true));
    }
    given().spec(Deployments.apiAs(TestKeycloak.token(boss, "Pass-word-1"))).get("/settings").then().statusCode(403);
  }

  @Test
  void aTestMailArrivesAndBrokenServersAreNamed() throws Exception {
    try (TestMailServer mail = TestMailServer.start()) {
      api().body("{\"name\": \"Mail IT\"}").put("/settings/instance").then().statusCode(200);
      api().body(smtp(mail.port(), TestMailServer.PASSWORD)).put("/settings/smtp").then().statusCode(200);

      api().body("{\"to\": \"alice@example.org\"}").post("/settings/smtp/test").then().statusCode(200)
          .body("to", equalTo("alice@example.org")).body("server", equalTo("127.0.0.1:" + mail.port()))
          .body("security", equalTo("NONE"));
      List<MimeMessage> received = mail.await(1, 10_000);
      assertThat(received).hasSize(1);
      MimeMessage message = received.get(0);
      assertThat(message.getSubject()).isEqualTo("Test mail from Mail IT");
      assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("vpn@example.org");
      assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Mail IT");
      assertThat(message.getAllRecipients()[0].toString()).isEqualTo("alice@example.org");
      assertThat(message.getContent().toString()).contains("sent by " + TestKeycloak.ADMIN);

      // Unsaved settings without a password use the stored one for the same server and user.
      api().body("{\"to\": \"bob@example.org\", \"smtp\": " + smtp(mail.port(), null) + "}").post("/settings/smtp/test")
          .then().statusCode(200);
      assertThat(mail.await(2, 10_000)).hasSize(2);

      // A wrong password: 502 with the server's refusal in words.
      api().body("{\"to\": \"bob@example.org\", \"smtp\": " + smtp(mail.port(), "wrong") + "}").post("/settings/smtp/test")
          .then().statusCode(502).contentType("application/problem+json")
          .body("type", equalTo("urn:portcullis:problem:smtp-authentication-failed"))
          .body("detail", containsString("refused the user name or password"));
      // Nothing listening: 502, connection refused.
      int closed = TestMailServer.freePort();
      api().body("{\"to\": \"bob@example.org\", \"smtp\": " + smtp(closed, "x") + "}").post("/settings/smtp/test")
          .then().statusCode(502)
          .body("type", equalTo("urn:portcullis:problem:smtp-unreachable"))
          .body("detail", equalTo("Nothing answers at 127.0.0.1:" + closed + " (connection refused): check smtp.host and smtp.port"));
      // A bad recipient is the caller's mistake: 422 naming the field, nothing sent.
      api().body("{\"to\": \"nobody\"}").post("/settings/smtp/test").then().statusCode(422)
          .body("errors.field", hasItem("to"));
      assertThat(mail.await(3, 500)).hasSize(2);
      // The stored password was never replaced by the unsaved ones.
      api().body("{\"to\": \"carol@example.org\"}").post("/settings/smtp/test").then().statusCode(200);
      assertThat(mail.await(3, 10_000)).hasSize(3);
    }
  }

  @Test
  void theLdapTestCountsUsersAndExplainsFailures() throws Exception {
    assumeTrue(TestSlapd.available(), "Debian's slapd is not installed (installing it needs root)");
    try (TestSlapd ldap = TestSlapd.start()) {
      for (String uid : List.of("carol", "alice", "bob")) {
        ldap.addPerson(uid, "pw-" + uid);
      }
      ldap.addRole("printer"); // under ou=people, not an inetOrgPerson: not counted
      String settings = """
          {"url": "%s", "bindDn": "%s", "bindPassword": "%s", "userBaseDn": "%s", "userFilter": null,
           "usernameAttribute": "uid", "groupBaseDn": "%s", "groupFilter": null}"""
          .formatted(ldap.url(), TestSlapd.ADMIN_DN, TestSlapd.ADMIN_PASSWORD, TestSlapd.PEOPLE, TestSlapd.GROUPS);
      api().body(settings).put("/settings/ldap").then().statusCode(200)
          .body("ldap.bindPasswordSet", equalTo(true)).body("ldap.userFilter", equalTo("(objectClass=inetOrgPerson)"));
      assertThat(api().get("/settings").asString()).doesNotContain(TestSlapd.ADMIN_PASSWORD);

      api().body("{}").post("/settings/ldap/test").then().statusCode(200)
          .body("users", equalTo(3)).body("sample", equalTo(List.of("alice", "bob", "carol")))
          .body("server", equalTo(ldap.url()));
      // Unsaved: a narrower filter, the stored password (same URL and bind DN).
      api().body("{\"ldap\": " + settings.replace("\"userFilter\": null", "\"userFilter\": \"(uid=a*)\"")
              .replace("\"bindPassword\": \"" + TestSlapd.ADMIN_PASSWORD + "\"", "\"bindPassword\": null") + "}")
          .post("/settings/ldap/test").then().statusCode(200).body("users", equalTo(1)).body("sample", equalTo(List.of("alice")));
      // A wrong bind password: LDAP error 49 in words.
      api().body("{\"ldap\": " + settings.replace(TestSlapd.ADMIN_PASSWORD, "wrong") + "}").post("/settings/ldap/test")
          .then().statusCode(502).contentType("application/problem+json")
          .body("type", equalTo("urn:portcullis:problem:ldap-authentication-failed"))
          .body("detail", containsString("refused the bind DN or password (LDAP error 49, invalid credentials)"));
      // A base DN the directory does not have.
      api().body("{\"ldap\": " + settings.replace(TestSlapd.PEOPLE, "ou=nobody," + TestSlapd.SUFFIX) + "}")
          .post("/settings/ldap/test").then().statusCode(502)
          .body("type", equalTo("urn:portcullis:problem:ldap-base-dn-not-found"));
      // Nothing listening.
      int closed = TestMailServer.freePort();
      api().body("{\"ldap\": " + settings.replace(ldap.url(), "ldap://127.0.0.1:" + closed) + "}")
          .post("/settings/ldap/test").then().statusCode(502)
          .body("type", equalTo("urn:portcullis:problem:ldap-unreachable"))
          .body("detail", containsString("connection refused"));
    }
  }
}
