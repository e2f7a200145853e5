package io.portcullis.it.api;

import static io.portcullis.it.api.ApiFixtures.api;
import static io.portcullis.it.api.ApiFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.portcullis.it.Deployments;
import io.portcullis.it.TestKeycloak;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Provisioning between the core and the real Keycloak, both ways: users made here appear there (with the
 * required action to set a password), existing ones are linked, disabling and deleting follow; Keycloak's users
 * and groups are imported and kept in step by the sync.
 */
@ExtendWith(ArquillianExtension.class)
class IdentityProvisioningIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private ManagementClient management;

  /** Sets the system property the core reads Keycloak's admin URL from, as an operator's jboss-cli would. */
  private void setKeycloakUrl(String url) throws java.io.IOException {
    ModelNode op = new ModelNode();
    op.get("operation").set("write-attribute");
    op.get("address").add("system-property", "portcullis.oidc.url");
    op.get("name").set("value");
    op.get("value").set(url);
    ModelNode result = management.getControllerClient().execute(op);
    assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("success");
  }

  private String keycloakUrl() throws java.io.IOException {
    ModelNode op = new ModelNode();
    op.get("operation").set("read-attribute");
    op.get("address").add("system-property", "portcullis.oidc.url");
    op.get("name").set("value");
    ModelNode result = management.getControllerClient().execute(op);
    assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("success");
    return result.get("result").asString();
  }

  private static JsonPath keycloakUser(String username) {
    var r = TestKeycloak.adminApi("GET", "/users?exact=true&username=" + username, null);
    assertThat(r.statusCode()).isEqualTo(200);
    return new JsonPath(r.body());
  }

  @Test
  void usersCreatedHereAreCreatedInKeycloakAndFollowDisableAndDelete() {
    String name = unique("prov");
    long id = ApiFixtures.createUser(name, List.of());
    JsonPath local = api().get("/users/" + id).then().statusCode(200).extract().jsonPath();
    JsonPath remote = keycloakUser(name);
    assertThat(remote.getList("id")).hasSize(1);
    assertThat(local.getString("externalId")).isEqualTo(remote.getString("[0].id"));
    assertThat(local.getString("source")).isEqualTo("local");
    assertThat(remote.getList("[0].requiredActions", String.class)).containsExactly("UPDATE_PASSWORD");
    assertThat(remote.getString("[0].email")).isEqualTo(name + "@example.org");

    api().body(Map.of("username", name, "email", name + "@example.org", "enabled", false)).put("/users/" + id)
        .then().statusCode(200);
    assertThat(keycloakUser(name).getBoolean("[0].enabled")).isFalse();
    api().body(Map.of("username", name, "email", name + "@example.org", "enabled", true)).put("/users/" + id)
        .then().statusCode(200);
    assertThat(keycloakUser(name).getBoolean("[0].enabled")).isTrue();

    api().delete("/users/" + id).then().statusCode(204);
    assertThat(keycloakUser(name).getList("id")).isEmpty();
  }

  @Test
  void profileChangesOfAPersonCreatedHereReachKeycloak() {
    String name = unique("profile");
    long id = ApiFixtures.createUser(name, List.of());
    String keycloakId = api().get("/users/" + id).then().statusCode(200).extract().jsonPath().getString("externalId");
    String renamed = unique("renamed");
    api().body(Map.of("username", renamed, "email", renamed + "@example.org", "firstName", "Ada", "lastName", "Lovelace"))
        .put("/users/" + id).then().statusCode(200);
    var r = TestKeycloak.adminApi("GET", "/users/" + keycloakId, null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonPath remote = new JsonPath(r.body());
    assertThat(remote.getString("username")).isEqualTo(renamed);
    assertThat(remote.getString("email")).isEqualTo(renamed + "@example.org");
    assertThat(remote.getString("firstName")).isEqualTo("Ada");
    assertThat(remote.getString("lastName")).isEqualTo("Lovelace");
    assertThat(keycloakUser(name).getList("id")).isEmpty();

    // An e-mail that another Keycloak account has: 409, and nothing changed on either side.
    String other = unique("other");
    TestKeycloak.createUser(other, "Pass-word-1", List.of());
    String taken = new JsonPath(TestKeycloak.adminApi("GET", "/users?exact=true&username=" + other, null).body())
        .getString("[0].email");
    assertThat(taken).isNotBlank();
    api().body(Map.of("username", renamed, "email", taken, "firstName", "Ada", "lastName", "Lovelace"))
        .put("/users/" + id).then().statusCode(409)
        .contentType("application/problem+json").body("type", equalTo("urn:portcullis:problem:identity-conflict"));
    api().get("/users/" + id).then().statusCode(200).body("email", equalTo(renamed + "@example.org"));
    assertThat(new JsonPath(TestKeycloak.adminApi("GET", "/users/" + keycloakId, null).body()).getString("email"))
        .isEqualTo(renamed + "@example.org");
  }

  @Test
  void keycloakOutOfReachGives502AndKeepsNothing() throws Exception {
    String name = unique("unreachable");
    String url = keycloakUrl();
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    setKeycloakUrl("http://127.0.0.1:9");
    try {
      api().body(Map.of("username", name, "email", name + "@example.org")).post("/users")
          .then().statusCode(502).contentType("application/problem+json")
          .body("type", equalTo("urn:portcullis:problem:identity-provider-unavailable"));
      api().get("/users?username=" + name).then().statusCode(200).body("items.size()", equalTo(0));
    } finally {
      setKeycloakUrl(url);
    }
    // Keycloak back (the admin client follows the setting without a redeploy): the same name can be created, so
    // nothing of the refused attempt was left behind on either side.
    assertThat(keycloakUser(name).getList("id")).isEmpty();
    long id = ApiFixtures.createUser(name, List.of());
    assertThat(keycloakUser(name).getList("id")).hasSize(1);
    api().delete("/users/" + id).then().statusCode(204);
  }

  @Test
  void aKeycloakUserWithTheSameNameIsLinkedNotDuplicated() {
    String name = unique("existing");
    String keycloakId = TestKeycloak.createUser(name, "Pass-word-1", List.of());
    long id = ApiFixtures.createUser(name, List.of());
    api().get("/users/" + id).then().statusCode(200).body("externalId", equalTo(keycloakId));
    assertThat(keycloakUser(name).getList("id")).hasSize(1);
    // The person signs in with the password they already had and is that same local user.
    io.restassured.RestAssured.given().spec(Deployments.apiAs(TestKeycloak.token(name, "Pass-word-1"))).get("/me")
        .then().statusCode(200).body("user.id", equalTo((int) id));
  }

  @Test
  void theSyncImportsKeycloakUsersAndGroupsAndMirrorsTheirChanges() {
    String groupName = unique("kc-team");
    var createdGroup = TestKeycloak.adminApi("POST", "/groups", "{\"name\":\"" + groupName + "\"}");
    assertThat(createdGroup.statusCode()).isEqualTo(201);
    String groupId = createdGroup.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
    String name = unique("kc-only");
    String keycloakId = TestKeycloak.createUser(name, "Pass-word-1", List.of("/" + groupName));

    JsonPath report = api().post("/identity/sync").then().statusCode(200).extract().jsonPath();
    assertThat(report.getBoolean("enabled")).isTrue();
    assertThat(report.getInt("usersCreated")).isGreaterThanOrEqualTo(1);
    assertThat(report.getInt("groupsCreated")).isGreaterThanOrEqualTo(1);

    JsonPath user = api().get("/users?username=" + name).then().statusCode(200).extract().jsonPath();
    long id = user.getLong("items[0].id");
    assertThat(user.getString("items[0].source")).isEqualTo("keycloak");
    assertThat(user.getString("items[0].externalId")).isEqualTo(keycloakId);
    assertThat(user.getList("items[0].groups", String.class)).containsExactly(groupName);
    api().get("/groups?q=" + groupName).then().statusCode(200).body("items[0].name", equalTo(groupName));

    // Disabled in Keycloak: disabled here.
    assertThat(TestKeycloak.adminApi("PUT", "/users/" + keycloakId, "{\"enabled\":false}").statusCode()).isEqualTo(204);
    api().post("/identity/sync").then().statusCode(200);
    api().get("/users/" + id).then().body("enabled", equalTo(false));
    // Enabled again and removed from the group: enabled, and no longer a member here.
    assertThat(TestKeycloak.adminApi("PUT", "/users/" + keycloakId, "{\"enabled\":true}").statusCode()).isEqualTo(204);
    assertThat(TestKeycloak.adminApi("DELETE", "/users/" + keycloakId + "/groups/" + groupId, null).statusCode()).isEqualTo(204);
    api().post("/identity/sync").then().statusCode(200);
    api().get("/users/" + id).then().body("enabled", equalTo(true)).body("groups.size()", equalTo(0));
    // Deleted in Keycloak: disabled here (devices leave the gateways), kept for the record.
    assertThat(TestKeycloak.adminApi("DELETE", "/users/" + keycloakId, null).statusCode()).isEqualTo(204);
    api().post("/identity/sync").then().statusCode(200);
    api().get("/users/" + id).then().body("enabled", equalTo(false));

    var audit = api().get("/audit?objectType=user&objectId=" + id).then().statusCode(200).extract().jsonPath();
    assertThat(audit.getList("items.action", String.class)).contains("CREATE", "UPDATE");
    assertThat(audit.getList("items.actor", String.class)).containsOnly(TestKeycloak.ADMIN);
  }

  @Test
  void aKeycloakAccountThatBelongsToSomeoneElseIsRefusedAndNothingIsKept() {
    String first = unique("owner");
    long firstId = ApiFixtures.createUser(first, List.of());
    String second = unique("copycat");
    // Same e-mail as the first: Keycloak's account for it is already linked to the first user.
    api().body(Map.of("username", second, "email", first + "@example.org")).post("/users").then().statusCode(409)
        .contentType("application/problem+json").body("type", equalTo("urn:portcullis:problem:identity-conflict"));
    api().get("/users?username=" + second).then().statusCode(200).body("total", equalTo(0));
    assertThat(keycloakUser(second).getList("id")).isEmpty();
    api().get("/users/" + firstId).then().statusCode(200).body("username", equalTo(first));
  }

  @Test
  void onlyAdministratorsRunTheSync() {
    String name = unique("nosync");
    TestKeycloak.createUser(name, "Pass-word-1", List.of());
    io.restassured.RestAssured.given().spec(Deployments.apiAs(TestKeycloak.token(name, "Pass-word-1")))
        .post("/identity/sync").then().statusCode(403);
  }
}
