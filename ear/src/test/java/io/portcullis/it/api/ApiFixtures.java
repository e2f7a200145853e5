package io.portcullis.it.api;

import static io.restassured.RestAssured.given;

import io.portcullis.it.Deployments;
import io.restassured.config.ObjectMapperConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds test data through the API only. The IT classes share one database, so every name is unique, every
 * location gets its own 10.(200+n).0.0/16 subnet and is restricted to its own group: devices made by one test
 * never take addresses in another test's location.
 */
final class ApiFixtures {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private ApiFixtures() {}

  private static final RestAssuredConfig CONFIG =
      RestAssuredConfig.config().objectMapperConfig(new ObjectMapperConfig().defaultObjectMapper(new JsonBodies()));

  static RequestSpecification api() {
    return given().spec(Deployments.api()).config(CONFIG);
  }

  /** A name no other test uses. */
  static String unique(String prefix) {
    return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  }

  /** A fresh /16 for this run, as "10.x"; distinct for each call. */
  static String subnet() {
    return "10." + (100 + SEQUENCE.incrementAndGet() % 150);
  }

  static long createGroup(String name) {
    return api().body(Map.of("name", name)).post("/groups").then().statusCode(201).extract().jsonPath().getLong("id");
  }

  static long createUser(String username, List<String> groups) {
    return api()
        .body(Map.of("username", username, "email", username + "@example.org", "groups", groups))
        .post("/users")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  /** A location restricted to {@code group} with the given gateway interface addresses. */
  static long createLocation(String name, List<String> addresses, String group) {
    return api()
        .body(
            Map.of(
                "name", name,
                "addresses", addresses,
                "endpoint", "vpn.example.com",
                "port", 51820,
                "dns", List.of("10.0.0.53"),
                "mtu", 1420,
                "persistentKeepalive", 25,
                "allowedGroups", List.of(group)))
        .post("/locations")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  static long createDevice(long userId, String name, String publicKey) {
    return api()
        .body(Map.of("userId", userId, "name", name, "publicKey", publicKey))
        .post("/devices")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("device.id");
  }

  /** A fresh X25519 public key in WireGuard's base64 form, as a client would generate it. */
  static String publicKey() {
    try {
      byte[] encoded = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic().getEncoded();
      return Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
