package io.portcullis.it.api;

import static io.portcullis.it.api.ApiFixtures.api;
import static io.portcullis.it.api.ApiFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.portcullis.it.Deployments;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Users and groups over HTTP: CRUD, filters, paging, validation errors as problem+json, the audit trail. */
@ExtendWith(ArquillianExtension.class)
class UserApiIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  void createReadUpdateDeleteAUserAndAuditEveryStep() {
    String group = unique("staff");
    ApiFixtures.createGroup(group);
    String username = unique("alice");
    var created =
        api()
            .body(Map.of("username", username, "email", "alice@example.org", "firstName", "Alice", "groups", List.of(group)))
            .post("/users")
            .then()
            .statusCode(201)
            .header("Location", startsWith(Deployments.baseUrl() + "/api/v1/users/"))
            .body("username", equalTo(username))
            .body("enabled", equalTo(true))
            .body("admin", equalTo(false))
            .body("groups", contains(group))
            .extract()
            .jsonPath();
    long id = created.getLong("id");

    api().get("/users/" + id).then().statusCode(200).body("email", equalTo("alice@example.org"));
    api()
        .body(Map.of("username", username, "email", "alice@corp.example.org", "enabled", false, "groups", List.of()))
        .put("/users/" + id)
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false))
        .body("groups.size()", equalTo(0));
    api().get("/groups?q=" + group).then().statusCode(200).body("items[0].members.size()", equalTo(0));
    api().delete("/users/" + id).then().statusCode(204);
    api().get("/users/" + id).then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));

    var audit = api().get("/audit?objectType=user&objectId=" + id).then().statusCode(200).extract().jsonPath();
    assertThat(audit.getList("items.action", String.class)).containsExactly("DELETE", "UPDATE", "CREATE");
    assertThat(audit.getList("items.actor", String.class)).containsOnly(io.portcullis.it.TestKeycloak.ADMIN);
    assertThat(audit.getString("items[1].before")).contains("alice@example.org");
    assertThat(audit.getString("items[1].after")).contains("alice@corp.example.org");
  }

  @Test
  void auditTrailFiltersByActorActionAndTime() {
    String before = java.time.Instant.now().minusSeconds(1).toString();
    String name = unique("audited");
    long id = ApiFixtures.createGroup(name);
    api().body(Map.of("name", name, "description", "changed")).put("/groups/" + id).then().statusCode(200);
    String after = java.time.Instant.now().plusSeconds(1).toString();
    api()
        .queryParam("objectType", "group")
        .queryParam("objectId", id)
        .queryParam("action", "update")
        .queryParam("actor", io.portcullis.it.TestKeycloak.ADMIN)
        .queryParam("from", before)
        .queryParam("to", after)
        .get("/audit")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].objectName", equalTo(name))
        .body("items[0].after", org.hamcrest.Matchers.containsString("changed"));
    api().queryParam("objectType", "group").queryParam("objectId", id).queryParam("to", before).get("/audit").then().body("total", equalTo(0));
    api().get("/audit?action=RENAME&from=yesterday").then().statusCode(400).body("errors.field", contains("action", "from"));
  }

  @Test
  void listsArePagedAndFiltered() {
    String prefix = unique("paging");
    for (int i = 0; i < 5; i++) {
      ApiFixtures.createUser(prefix + "-" + i, List.of());
    }
    api()
        .get("/users?q=" + prefix + "&offset=1&limit=2")
        .then()
        .statusCode(200)
        .body("total", equalTo(5))
        .body("offset", equalTo(1))
        .body("limit", equalTo(2))
        .body("items.username", contains(prefix + "-1", prefix + "-2"));
    api().get("/users?username=" + prefix + "-3").then().body("total", equalTo(1));
    api().get("/users?limit=501").then().statusCode(400).body("errors[0].field", equalTo("limit"));
    api().get("/users?offset=-1&enabled=maybe").then().statusCode(400).body("errors.field", contains("offset", "enabled"));
  }

  @Test
  void invalidFieldsAreA400WithEveryFieldNamed() {
    api()
        .body(Map.of("username", " bad name", "email", "not-an-email", "groups", List.of("")))
        .post("/users")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:portcullis:problem:invalid-request"))
        .body("title", equalTo("Bad Request"))
        .body("instance", equalTo("/api/v1/users"))
        .body("errors.field", contains("username", "email", "groups[0]"));
  }

  @Test
  void unknownFieldsAndMalformedJsonAreA400() {
    api()
        .body("{\"username\":\"" + unique("u") + "\",\"colour\":\"blue\"}")
        .post("/users")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", notNullValue());
    api().body("{\"username\": ").post("/users").then().statusCode(400).contentType("application/problem+json");
    api().body("{\"username\": [\"x\"]}").post("/users").then().statusCode(400);
  }

  @Test
  void duplicatesConflictAndUnknownGroupsAreUnprocessable() {
    String username = unique("bob");
    ApiFixtures.createUser(username, List.of());
    api()
        .body(Map.of("username", username))
        .post("/users")
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:portcullis:problem:duplicate-username"));
    String other = unique("carol");
    api()
        .body(Map.of("username", other, "groups", List.of("no-such-group-" + other)))
        .post("/users")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("groups[0]"));
    // Nothing half-written: the refused user does not exist.
    api().get("/users?username=" + other).then().body("total", equalTo(0));
  }

  @Test
  void groupsHaveCrudAndDuplicateNamesConflict() {
    String name = unique("ops");
    long id = ApiFixtures.createGroup(name);
    api().body(Map.of("name", name)).post("/groups").then().statusCode(409);
    api()
        .body(Map.of("name", name + "-renamed", "description", "operations"))
        .put("/groups/" + id)
        .then()
        .statusCode(200)
        .body("description", equalTo("operations"));
    api().get("/groups?q=" + name).then().body("items.name", hasItem(name + "-renamed"));
    api().delete("/groups/" + id).then().statusCode(204);
    api().delete("/groups/" + id).then().statusCode(404);
    api().get("/no-such-resource").then().statusCode(404).contentType("application/problem+json");
    api().delete("/users").then().statusCode(405).contentType("application/problem+json");
  }

  @Test
  void sameUsernameCreatedConcurrentlyGivesOne201AndCleanConflictsNever500() throws Exception {
    // Repeated rounds: each round races 6 creations of one new username; the database's unique constraint
    // decides the losers that passed the service's own check, and they must read 409, never 500.
    for (int round = 0; round < 5; round++) {
      String username = unique("race");
      var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
      try {
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
          answers.add(
              pool.submit(
                  () -> {
                    start.await();
                    return api()
                        .body(Map.of("username", username, "email", username + "@example.org"))
                        .post("/users")
                        .then()
                        .extract()
                        .statusCode();
                  }));
        }
        start.countDown();
        List<Integer> statuses = new java.util.ArrayList<>();
        for (var answer : answers) {
          statuses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertThat(statuses).as("round %d: %s", round, statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201).count()).as("one winner").isEqualTo(1);
        api().get("/users?username=" + username).then().statusCode(200).body("total", equalTo(1));
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
