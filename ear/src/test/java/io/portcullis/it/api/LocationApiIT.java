package io.portcullis.it.api;

import static io.portcullis.it.api.ApiFixtures.api;
import static io.portcullis.it.api.ApiFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

import io.portcullis.it.Deployments;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Locations and gateways over HTTP: pool validation, pool changes against existing devices, tokens. */
@ExtendWith(ArquillianExtension.class)
class LocationApiIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private static Map<String, Object> location(String name, List<String> addresses, String group) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("addresses", addresses);
    body.put("endpoint", "vpn.example.com");
    body.put("port", 51820);
    body.put("allowedGroups", List.of(group));
    return body;
  }

  @Test
  void createsWithAKeyPairAndDefaults() {
    String group = unique("g");
    ApiFixtures.createGroup(group);
    String net = ApiFixtures.subnet();
    String name = unique("office");
    api()
        .body(location(name, List.of(net + ".0.1/24", "fd00:" + net.substring(3) + "::1/64"), group))
        .post("/locations")
        .then()
        .statusCode(201)
        .body("name", equalTo(name))
        .body("addresses", contains(net + ".0.1/24", "fd00:" + net.substring(3) + "::1/64"))
        .body("listenPort", equalTo(51820))
        .body("publicKey", matchesPattern("[A-Za-z0-9+/]{43}="))
        .body("$", not(hasKey("privateKey")))
        .body("allowedGroups", contains(group));
    api().body(location(name, List.of(ApiFixtures.subnet() + ".0.1/24"), group)).post("/locations").then().statusCode(409);
  }

  @Test
  void syntaxErrorsAre400AndRuleViolations422() {
    String group = unique("g");
    ApiFixtures.createGroup(group);
    Map<String, Object> bad = location(unique("bad"), List.of("10.1.2.3", "300.0.0.1/24", "fd00::1/129"), group);
    bad.put("port", 70000);
    bad.put("mtu", 100);
    bad.put("endpoint", "not a host");
    api()
        .body(bad)
        .post("/locations")
        .then()
        .statusCode(400)
        .body("errors.field", contains("addresses[0]", "addresses[1]", "addresses[2]", "endpoint", "port", "mtu"));

    String net = ApiFixtures.subnet();
    String other = ApiFixtures.subnet();
    api()
        .body(location(unique("overlap"), List.of(net + ".0.1/16", net + ".7.1/24", other + ".8.0/24"), group))
        .post("/locations")
        .then()
        .statusCode(422)
        .body("errors.field", contains("addresses[1]", "addresses[2]"))
        .body("errors[0].message", containsString("overlaps"))
        .body("errors[1].message", containsString("gateway address"));

    String taken = ApiFixtures.subnet();
    ApiFixtures.createLocation(unique("first"), List.of(taken + ".0.1/24"), group);
    api()
        .body(location(unique("second"), List.of(taken + ".0.129/25"), group))
        .post("/locations")
        .then()
        .statusCode(422)
        .body("errors[0].message", containsString("overlaps pool"));
    api()
        .body(location(unique("nogroup"), List.of(ApiFixtures.subnet() + ".0.1/24"), "missing-" + group))
        .post("/locations")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("allowedGroups[0]"));
  }

  @Test
  void poolChangesKeepFittingAddressesAndRefuseOrphans() {
    String group = unique("g");
    ApiFixtures.createGroup(group);
    long user = ApiFixtures.createUser(unique("dave"), List.of(group));
    String net = ApiFixtures.subnet();
    String name = unique("branch");
    long location = ApiFixtures.createLocation(name, List.of(net + ".0.1/24"), group);
    long first = ApiFixtures.createDevice(user, "one", ApiFixtures.publicKey());
    long second = ApiFixtures.createDevice(user, "two", ApiFixtures.publicKey());
    api().get("/devices/" + second).then().body("addresses[0].address", equalTo(net + ".0.3"));

    // Shrinking to a /31-sized range that leaves .3 outside: refused, naming the device, nothing changed.
    api()
        .body(location(name, List.of(net + ".0.1/30"), group))
        .put("/locations/" + location)
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:portcullis:problem:orphaned-devices"))
        .body("detail", containsString("device " + second + " 'two' (" + net + ".0.3)"))
        .body("detail", not(containsString("device " + first + " ")));
    api().get("/locations/" + location).then().body("addresses", contains(net + ".0.1/24"));

    // Moving the gateway onto a device's address orphans that device too.
    api().body(location(name, List.of(net + ".0.2/24"), group)).put("/locations/" + location).then().statusCode(409);

    // Growing keeps every address and moves it to the new pool; an added IPv6 pool gives every device one.
    String v6 = "fd00:" + net.substring(3) + "::1/64";
    api()
        .body(location(name, List.of(net + ".0.1/23", v6), group))
        .put("/locations/" + location)
        .then()
        .statusCode(200);
    var device = api().get("/devices/" + second).then().extract().jsonPath();
    assertThat(device.getList("addresses.address", String.class)).containsExactly(net + ".0.3", "fd00:" + net.substring(3) + "::3");
    assertThat(device.getList("addresses.pool", String.class)).containsExactly(net + ".0.0/23", "fd00:" + net.substring(3) + "::/64");

    // Deleting the location removes its addresses from the devices.
    api().delete("/locations/" + location).then().statusCode(204);
    api().get("/devices/" + first).then().body("addresses", hasSize(0));
  }

  @Test
  void gatewaysGetATokenOnceAndOnlyItsHashIsKept() {
    String group = unique("g");
    ApiFixtures.createGroup(group);
    long location = ApiFixtures.createLocation(unique("site"), List.of(ApiFixtures.subnet() + ".0.1/24"), group);
    var created =
        api()
            .body(Map.of("name", "gw-1"))
            .post("/locations/" + location + "/gateways")
            .then()
            .statusCode(201)
            .body("token", matchesPattern("pgw_[A-Za-z0-9_-]{43}"))
            .body("gateway.lastSeenAt", nullValue())
            .extract()
            .jsonPath();
    long id = created.getLong("gateway.id");
    api().get("/gateways/" + id).then().statusCode(200).body("$", not(hasKey("token"))).body("locationId", equalTo((int) location));
    api().body(Map.of("name", "gw-1")).post("/locations/" + location + "/gateways").then().statusCode(409);
    api().body(Map.of("locationId", location, "name", "gw-2")).post("/gateways").then().statusCode(201);
    api().get("/gateways?locationId=" + location).then().body("total", equalTo(2));
    api().get("/locations/" + location + "/gateways").then().body("items.name", contains("gw-1", "gw-2"));
    api().body(Map.of("name", "gw-renamed")).put("/gateways/" + id).then().statusCode(200).body("name", equalTo("gw-renamed"));
    api().body(Map.of("name", "x")).post("/locations/999999999/gateways").then().statusCode(404);
    api().body(Map.of("name", "")).post("/gateways").then().statusCode(400).body("errors.field", contains("locationId", "name"));
    api().delete("/gateways/" + id).then().statusCode(204);
    api().get("/gateways/" + id).then().statusCode(404);
  }
}
