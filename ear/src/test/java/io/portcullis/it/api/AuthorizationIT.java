package io.portcullis.it.api;

import static io.portcullis.it.api.ApiFixtures.api;
import static io.portcullis.it.api.ApiFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;

import io.portcullis.it.Deployments;
import io.portcullis.it.TestDatabase;
import io.portcullis.it.TestKeycloak;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may call what, against the real WildFly and the real Keycloak: tokens come from Keycloak's token endpoint
 * (direct grant), personal API tokens from the API. Every endpoint refuses callers without valid credentials
 * (401), people without the right (403), and serves the right ones.
 */
@ExtendWith(ArquillianExtension.class)
class AuthorizationIT {

  private static final String PASSWORD = "Secret-pass-1";

  /** Every endpoint but health, with a harmless request shape (ids need not exist: refusal comes first). */
  private static final List<String[]> ENDPOINTS = List.of(
      new String[] {"GET", "/me"},
      new String[] {"GET", "/users"}, new String[] {"POST", "/users"}, new String[] {"GET", "/users/999999"},
      new String[] {"PUT", "/users/999999"}, new String[] {"DELETE", "/users/999999"},
      new String[] {"GET", "/groups"}, new String[] {"POST", "/groups"}, new String[] {"GET", "/groups/999999"},
      new String[] {"PUT", "/groups/999999"}, new String[] {"DELETE", "/groups/999999"},
      new String[] {"GET", "/locations"}, new String[] {"POST", "/locations"}, new String[] {"GET", "/locations/999999"},
      new String[] {"PUT", "/locations/999999"}, new String[] {"DELETE", "/locations/999999"},
      new String[] {"GET", "/locations/999999/gateways"}, new String[] {"POST", "/locations/999999/gateways"},
      new String[] {"GET", "/devices"}, new String[] {"POST", "/devices"}, new String[] {"GET", "/devices/999999"},
      new String[] {"PUT", "/devices/999999"}, new String[] {"DELETE", "/devices/999999"},
      new String[] {"GET", "/devices/999999/config?location=1"}, new String[] {"GET", "/devices/999999/config.png?location=1"},
      new String[] {"GET", "/gateways"}, new String[] {"POST", "/gateways"}, new String[] {"GET", "/gateways/999999"},
      new String[] {"PUT", "/gateways/999999"}, new String[] {"DELETE", "/gateways/999999"},
      new String[] {"GET", "/gateway-status"}, new String[] {"GET", "/gateway-status/999999"},
      new String[] {"POST", "/gateway-credentials/999999/token"}, new String[] {"DELETE", "/gateway-credentials/999999/token"},
      new String[] {"POST", "/gateway-credentials/999999/certificates"},
      new String[] {"DELETE", "/gateway-credentials/999999/certificates/01"},
      new String[] {"GET", "/control"}, new String[] {"GET", "/control/ca.pem"},
      new String[] {"GET", "/stats/devices/999999"}, new String[] {"GET", "/stats/users/999999"},
      new String[] {"GET", "/stats/locations/999999"},
      new String[] {"GET", "/audit"},
      new String[] {"GET", "/tokens"}, new String[] {"POST", "/tokens"}, new String[] {"GET", "/tokens/999999"},
      new String[] {"DELETE", "/tokens/999999"});

  /** The endpoints only administrators may use. */
  private static final List<String[]> ADMIN_ONLY = ENDPOINTS.stream()
      .filter(e -> !(e[1].startsWith("/me") || e[1].startsWith("/devices") || e[1].startsWith("/tokens")
          || e[1].startsWith("/stats/devices") || e[1].startsWith("/stats/users") || e[1].equals("/users/999999") && e[0].equals("GET")
          || e[1].startsWith("/locations") && e[0].equals("GET") && !e[1].endsWith("/gateways")))
      .toList();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private String person;
  private String personToken;
  private long personId;

  @BeforeEach
  void signInAPerson() {
    person = unique("kc-person");
    TestKeycloak.createUser(person, PASSWORD, List.of());
    personToken = TestKeycloak.token(person, PASSWORD);
    personId = given().spec(Deployments.apiAs(personToken)).get("/me").then().statusCode(200)
        .extract().jsonPath().getLong("user.id");
  }

  private static Response call(RequestSpecification spec, String[] endpoint) {
    RequestSpecification request = given().spec(spec).urlEncodingEnabled(false).accept("*/*");
    if (!endpoint[0].equals("GET") && !endpoint[0].equals("DELETE")) {
      request = request.body("{}");
    }
    return request.request(endpoint[0], endpoint[1]);
  }

  @Test
  void everyEndpointButHealthRefusesCallersWithoutValidCredentials() {
    String valid = TestKeycloak.adminToken();
    String[] parts = valid.split("\\.");
    String tampered = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? "B" : "A") + parts[2].substring(1);
    // A real Keycloak token whose audience is not the API: admin-cli of the same realm has no audience mapper.
    String otherAudience = tokenFrom("admin-cli", TestKeycloak.ADMIN, TestKeycloak.ADMIN_PASSWORD);
    List<String> failures = new ArrayList<>();
    for (String[] endpoint : ENDPOINTS) {
      expect(failures, endpoint, "anonymous", call(Deployments.anonymousApi(), endpoint), 401);
      expect(failures, endpoint, "tampered", call(Deployments.apiAs(tampered), endpoint), 401);
      expect(failures, endpoint, "wrong audience", call(Deployments.apiAs(otherAudience), endpoint), 401);
      expect(failures, endpoint, "unknown pct_", call(Deployments.apiAs("pct_" + "x".repeat(43)), endpoint), 401);
      expect(failures, endpoint, "garbage", call(Deployments.apiAs("not-a-token"), endpoint), 401);
    }
    assertThat(failures).isEmpty();
    Response anonymous = call(Deployments.anonymousApi(), new String[] {"GET", "/users"});
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(anonymous.contentType()).startsWith("application/problem+json");
    given().spec(Deployments.anonymousApi()).get("/health").then().statusCode(200);
  }

  @Test
  void administratorOnlyEndpointsRefuseOtherPeopleAndServeAdministrators() {
    List<String> failures = new ArrayList<>();
    for (String[] endpoint : ADMIN_ONLY) {
      Response r = call(Deployments.apiAs(personToken), endpoint);
      expect(failures, endpoint, "person", r, 403);
      if (r.statusCode() == 403 && !"urn:portcullis:problem:forbidden".equals(r.jsonPath().getString("type"))) {
        failures.add(endpoint[0] + " " + endpoint[1] + ": 403 without the forbidden problem type");
      }
      int admin = call(Deployments.api(), endpoint).statusCode();
      if (admin == 401 || admin == 403) {
        failures.add(endpoint[0] + " " + endpoint[1] + ": the administrator got " + admin);
      }
    }
    assertThat(failures).isEmpty();
    // Read access that everyone has.
    given().spec(Deployments.apiAs(personToken)).get("/locations").then().statusCode(200);
    given().spec(Deployments.apiAs(personToken)).get("/users/" + personId).then().statusCode(200)
        .body("username", equalTo(person)).body("source", equalTo("keycloak"));
  }

  @Test
  void peopleSeeAndManageOnlyTheirOwnDevices() {
    String group = unique("g");
    ApiFixtures.createGroup(group);
    long location = ApiFixtures.createLocation(unique("loc"), List.of(ApiFixtures.subnet() + ".0.1/24"), group);
    api().body(Map.of("username", person, "groups", List.of(group))).put("/users/" + personId).then().statusCode(200);
    long otherUser = ApiFixtures.createUser(unique("other"), List.of(group));
    long othersDevice = ApiFixtures.createDevice(otherUser, unique("theirs"), ApiFixtures.publicKey());
    RequestSpecification me = Deployments.apiAs(personToken);

    // A device without userId is the caller's own; with someone else's userId it is refused.
    long mine = given().spec(me).body(Map.of("name", "laptop", "publicKey", ApiFixtures.publicKey())).post("/devices")
        .then().statusCode(201).body("device.userId", equalTo((int) personId)).extract().jsonPath().getLong("device.id");
    given().spec(me).body(Map.of("userId", otherUser, "name", "sneaky", "publicKey", ApiFixtures.publicKey()))
        .post("/devices").then().statusCode(403).contentType("application/problem+json");

    given().spec(me).get("/devices").then().statusCode(200)
        .body("total", equalTo(1)).body("items.userId", everyItem(equalTo((int) personId)));
    given().spec(me).get("/devices?userId=" + otherUser).then().statusCode(403);
    given().spec(me).get("/devices/" + mine).then().statusCode(200);
    given().spec(me).accept("*/*").get("/devices/" + mine + "/config?location=" + location).then().statusCode(200);
    given().spec(me).get("/stats/devices/" + mine).then().statusCode(200);
    given().spec(me).get("/stats/users/" + personId).then().statusCode(200);

    for (String[] e : List.of(new String[] {"GET", "/devices/" + othersDevice},
        new String[] {"GET", "/devices/" + othersDevice + "/config?location=" + location},
        new String[] {"GET", "/devices/" + othersDevice + "/config.png?location=" + location},
        new String[] {"PUT", "/devices/" + othersDevice}, new String[] {"DELETE", "/devices/" + othersDevice},
        new String[] {"GET", "/stats/devices/" + othersDevice}, new String[] {"GET", "/stats/users/" + otherUser},
        new String[] {"GET", "/users/" + otherUser})) {
      Response r = e[0].equals("PUT")
          ? given().spec(me).body(Map.of("name", "mine-now")).put(e[1])
          : given().spec(me).urlEncodingEnabled(false).accept("*/*").request(e[0], e[1]);
      assertThat(r.statusCode()).as(e[0] + " " + e[1]).isEqualTo(403);
    }
    // The other device is untouched and the admin sees both.
    api().get("/devices/" + othersDevice).then().statusCode(200);
    api().get("/devices?userId=" + personId).then().statusCode(200).body("total", equalTo(1));
    given().spec(me).body(Map.of("name", "laptop-2")).put("/devices/" + mine).then().statusCode(200);
    given().spec(me).delete("/devices/" + mine).then().statusCode(204);
  }

  @Test
  void firstSignInCreatesTheLocalUserLinkedToKeycloakAndAuditNamesTheActor() {
    var me = given().spec(Deployments.apiAs(personToken)).get("/me").then().statusCode(200).extract().jsonPath();
    assertThat(me.getBoolean("admin")).isFalse();
    assertThat(me.getString("via")).isEqualTo("oidc");
    assertThat(me.getString("user.externalId")).isNotBlank();
    assertThat(me.getString("user.email")).isEqualTo(person + "@example.org");
    api().get("/audit?objectType=user&objectId=" + personId + "&action=CREATE").then().statusCode(200)
        .body("items[0].actor", equalTo(person));

    String tokenName = unique("t");
    long tokenId = given().spec(Deployments.apiAs(personToken)).body(Map.of("name", tokenName)).post("/tokens")
        .then().statusCode(201).extract().jsonPath().getLong("token.id");
    api().get("/audit?objectType=api-token&objectId=" + tokenId).then().statusCode(200)
        .body("items[0].actor", equalTo(person));

    // An administrator by Keycloak group membership is an administrator here, including through API tokens.
    String boss = unique("kc-boss");
    TestKeycloak.createUser(boss, PASSWORD, List.of("/portcullis-admin"));
    String bossToken = TestKeycloak.token(boss, PASSWORD);
    given().spec(Deployments.apiAs(bossToken)).get("/me").then().statusCode(200).body("admin", equalTo(true));
    String bossPct = given().spec(Deployments.apiAs(bossToken)).body(Map.of("name", "automation")).post("/tokens")
        .then().statusCode(201).extract().jsonPath().getString("secret");
    given().spec(Deployments.apiAs(bossPct)).get("/users").then().statusCode(200);
    String group = unique("made-by-token");
    given().spec(Deployments.apiAs(bossPct)).body(Map.of("name", group)).post("/groups").then().statusCode(201);
    api().get("/audit?objectType=group&action=CREATE&actor=" + boss).then().statusCode(200)
        .body("items.objectName", org.hamcrest.Matchers.hasItem(group));
  }

  @Test
  void apiTokensCarryTheOwnersRightsRecordUseAndEndWhenRevokedOrExpired() throws Exception {
    RequestSpecification me = Deployments.apiAs(personToken);
    var created = given().spec(me).body(Map.of("name", "script")).post("/tokens").then().statusCode(201)
        .header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"))
        .body("secret", startsWith("pct_")).body("token.state", equalTo("active")).extract().jsonPath();
    String secret = created.getString("secret");
    long id = created.getLong("token.id");
    given().spec(me).body(Map.of("name", "script")).post("/tokens").then().statusCode(409);
    given().spec(me).body(Map.of("name", "later", "expiresAt", "2001-01-01T00:00:00Z")).post("/tokens").then().statusCode(422);
    given().spec(me).body(Map.of("name", "bad", "expiresAt", "next week")).post("/tokens").then().statusCode(400);

    RequestSpecification viaToken = Deployments.apiAs(secret);
    given().spec(viaToken).get("/me").then().statusCode(200)
        .body("username", equalTo(person)).body("via", equalTo("api_token")).body("admin", equalTo(false));
    given().spec(viaToken).get("/users").then().statusCode(403);
    given().spec(me).get("/tokens").then().statusCode(200)
        .body("find { it.id == " + id + " }.lastUsedAt", org.hamcrest.Matchers.notNullValue())
        .body("secret", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));
    // Only the owner (or an admin) sees or revokes it.
    String stranger = unique("kc-stranger");
    TestKeycloak.createUser(stranger, PASSWORD, List.of());
    given().spec(Deployments.apiAs(TestKeycloak.token(stranger, PASSWORD))).delete("/tokens/" + id).then().statusCode(403);
    given().spec(Deployments.apiAs(TestKeycloak.token(stranger, PASSWORD))).get("/tokens?userId=" + personId).then().statusCode(403);

    given().spec(me).delete("/tokens/" + id).then().statusCode(200).body("state", equalTo("revoked"));
    given().spec(viaToken).get("/me").then().statusCode(401).body("detail", org.hamcrest.Matchers.containsString("revoked"));

    // Expiry: a token whose time has passed (moved back in the database, as time would).
    String second = given().spec(me).body(Map.of("name", "short")).post("/tokens").then().statusCode(201)
        .extract().jsonPath().getString("secret");
    given().spec(Deployments.apiAs(second)).get("/me").then().statusCode(200);
    try (var c = DriverManager.getConnection(TestDatabase.jdbcUrl(), "postgres", "postgres");
        var s = c.prepareStatement("UPDATE api_token SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' WHERE name = 'short' AND user_id = ?")) {
      s.setLong(1, personId);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    given().spec(Deployments.apiAs(second)).get("/me").then().statusCode(401).body("detail", org.hamcrest.Matchers.containsString("expired"));
  }

  @Test
  void expiredKeycloakTokensAreRefused() throws Exception {
    // A client whose access tokens live one second, with the API's audience.
    String client = unique("short-lived");
    var created = TestKeycloak.adminApi("POST", "/clients", "{\"clientId\":\"" + client + "\",\"publicClient\":true,"
        + "\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":false,"
        + "\"attributes\":{\"access.token.lifespan\":\"1\"},"
        + "\"protocolMappers\":[{\"name\":\"aud\",\"protocol\":\"openid-connect\",\"protocolMapper\":\"oidc-audience-mapper\","
        + "\"config\":{\"included.client.audience\":\"portcullis-api\",\"access.token.claim\":\"true\"}}]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String token = tokenFrom(client, person, PASSWORD);
    Thread.sleep(3_000);
    given().spec(Deployments.apiAs(token)).get("/me").then().statusCode(401);
  }

  @Test
  void disabledPeopleAreRefusedWhateverTheirCredentials() {
    RequestSpecification me = Deployments.apiAs(personToken);
    String secret = given().spec(me).body(Map.of("name", "before")).post("/tokens").then().statusCode(201)
        .extract().jsonPath().getString("secret");
    api().body(Map.of("username", person, "enabled", false)).put("/users/" + personId).then().statusCode(200);
    given().spec(me).get("/me").then().statusCode(403).contentType("application/problem+json")
        .body("detail", org.hamcrest.Matchers.containsString("disabled"));
    given().spec(Deployments.apiAs(secret)).get("/devices").then().statusCode(403);
    api().body(Map.of("username", person, "enabled", true)).put("/users/" + personId).then().statusCode(200);
    given().spec(me).get("/me").then().statusCode(200);
  }

  private static void expect(List<String> failures, String[] endpoint, String who, Response r, int status) {
    if (r.statusCode() != status) {
      failures.add(endpoint[0] + " " + endpoint[1] + " as " + who + ": " + r.statusCode() + " " + r.asString());
    }
  }

  private static String tokenFrom(String clientId, String username, String password) {
    return given().baseUri(TestKeycloak.realmUrl())
        .contentType("application/x-www-form-urlencoded")
        .formParam("grant_type", "password").formParam("client_id", clientId)
        .formParam("username", username).formParam("password", password)
        .post("/protocol/openid-connect/token").then().statusCode(200).extract().jsonPath().getString("access_token");
  }
}
