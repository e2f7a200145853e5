package io.portcullis.it.api;

import static io.portcullis.it.api.ApiFixtures.api;
import static io.portcullis.it.api.ApiFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.portcullis.it.Deployments;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Devices over HTTP: keys, addresses, wg-quick files and QR codes, group-based access, clean failures. */
@ExtendWith(ArquillianExtension.class)
class DeviceApiIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  void deviceWithItsOwnKeyGetsTheLowestAddressesAndAConfig() {
    String group = unique("g");
    ApiFixtures.createGroup(group);
    long user = ApiFixtures.createUser(unique("erin"), List.of(group));
    String net = ApiFixtures.subnet();
    String v6 = "fd00:" + net.substring(3);
    long location = ApiFixtures.createLocation(unique("hq"), List.of(net + ".0.1/24", v6 + "::1/64"), group);
    String key = ApiFixtures.publicKey();
    var created =
        api()
            .body(Map.of("userId", user, "name", "laptop", "publicKey", key))
            .post("/devices")
            .then()
            .statusCode(201)
            .header("Cache-Control", containsString("no-store"))
            .body("privateKey", nullValue())
            .body("device.publicKey", equalTo(key))
            .body("device.addresses.address", contains(net + ".0.2", v6 + "::2"))
            .extract()
            .jsonPath();
    long id = created.getLong("device.id");

    String config =
        api().accept("text/plain").get("/devices/" + id + "/config?location=" + location)
            .then().statusCode(200).contentType(containsString("text/plain")).extract().asString();
    String locationKey = api().get("/locations/" + location).then().extract().jsonPath().getString("publicKey");
    assertThat(config)
        .contains("[Interface]\nPrivateKey = <paste this device's private key here>\n")
        .contains("Address = " + net + ".0.2/32, " + v6 + "::2/128\n")
        .contains("DNS = 10.0.0.53\n")
        .contains("MTU = 1420\n")
        .contains("[Peer]\nPublicKey = " + locationKey + "\n")
        .contains("Endpoint = vpn.example.com:51820\n")
        .contains("AllowedIPs = " + net + ".0.0/24, " + v6 + "::/64\n")
        .contains("PersistentKeepalive = 25\n");

    byte[] png = api().accept("image/png").get("/devices/" + id + "/config.png?location=" + location)
        .then().statusCode(200).contentType("image/png").extract().asByteArray();
    assertThat(decodeQr(png)).isEqualTo(config);

    api().body(Map.of("userId", user, "name", "laptop-2", "publicKey", key)).post("/devices").then().statusCode(409)
        .body("type", equalTo("urn:portcullis:problem:duplicate-public-key"));
    api().body(Map.of("userId", user, "name", "laptop", "publicKey", ApiFixtures.publicKey())).post("/devices")
        .then().statusCode(409);
    api().accept("text/plain").get("/devices/" + id + "/config").then().statusCode(400)
        .contentType("application/problem+json").body("errors[0].field", equalTo("location"));
    api().accept("text/plain").get("/devices/" + id + "/config?location=abc").then().statusCode(400);
    api().accept("text/plain").get("/devices/" + id + "/config?location=999999999").then().statusCode(404);

    api().body(Map.of("name", "work laptop")).put("/devices/" + id).then().statusCode(200).body("name", equalTo("work laptop"));
    api().body(Map.of("name", "x", "publicKey", key)).put("/devices/" + id).then().statusCode(400);
    api().get("/devices?userId=" + user).then().body("total", equalTo(1));
    api().get("/devices?locationId=" + location).then().body("items.id", contains((int) id));
    api().delete("/devices/" + id).then().statusCode(204);
    api().get("/devices/" + id).then().statusCode(404);
  }

  @Test
  void generatedKeyIsReturnedOnceAndNeverAgain() {
    String group = unique("g");
    ApiFixtures.createGroup(group);
    long user = ApiFixtures.createUser(unique("frank"), List.of(group));
    long location = ApiFixtures.createLocation(unique("lab"), List.of(ApiFixtures.subnet() + ".0.1/24"), group);
    var created =
        api().body(Map.of("userId", user, "name", "phone")).post("/devices")
            .then().statusCode(201).extract().jsonPath();
    String privateKey = created.getString("privateKey");
    assertThat(privateKey).matches("[A-Za-z0-9+/]{43}=");
    assertThat(created.getString("configs." + location)).contains("PrivateKey = " + privateKey + "\n");
    long id = created.getLong("device.id");
    assertThat(api().get("/devices/" + id).asString()).doesNotContain(privateKey);
    assertThat(api().accept("text/plain").get("/devices/" + id + "/config?location=" + location).asString())
        .doesNotContain(privateKey);
    assertThat(api().get("/audit?objectType=device&objectId=" + id).asString()).doesNotContain(privateKey);
  }

  @Test
  void invalidKeysAndUnknownOwnersAreRefusedWithoutTrace() {
    long user = ApiFixtures.createUser(unique("gina"), List.of());
    api().body(Map.of("userId", user, "name", "k", "publicKey", "AAAA")).post("/devices").then().statusCode(400)
        .body("errors[0].field", equalTo("publicKey"));
    api().body(Map.of("userId", user, "name", "k", "publicKey", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))
        .post("/devices").then().statusCode(400);
    // Without userId the device is the caller's own; the empty name is still named.
    api().body(Map.of("name", "")).post("/devices").then().statusCode(400).body("errors.field", contains("name"));
    api().body(Map.of("userId", 999999999, "name", "k")).post("/devices").then().statusCode(422);
    api().get("/devices?userId=" + user).then().body("total", equalTo(0));
  }

  @Test
  void groupChangesAddAndRemoveAddresses() {
    String group = unique("g");
    long groupId = ApiFixtures.createGroup(group);
    String username = unique("hank");
    long user = ApiFixtures.createUser(username, List.of());
    String net = ApiFixtures.subnet();
    long location = ApiFixtures.createLocation(unique("restricted"), List.of(net + ".0.1/24"), group);
    long device = ApiFixtures.createDevice(user, "desktop", ApiFixtures.publicKey());
    api().get("/devices/" + device).then().body("addresses", hasSize(0));
    api().accept("text/plain").get("/devices/" + device + "/config?location=" + location).then().statusCode(404);

    api().body(Map.of("username", username, "groups", List.of(group))).put("/users/" + user).then().statusCode(200);
    api().get("/devices/" + device).then().body("addresses.address", contains(net + ".0.2"));
    api().get("/users?groupId=" + groupId).then().body("items.username", contains(username));

    api().body(Map.of("username", username, "groups", List.of())).put("/users/" + user).then().statusCode(200);
    api().get("/devices/" + device).then().body("addresses", hasSize(0));

    // Opening the location to a second group the user is in grants the address again.
    String other = unique("g2");
    ApiFixtures.createGroup(other);
    api().body(Map.of("username", username, "groups", List.of(other))).put("/users/" + user).then().statusCode(200);
    api().get("/devices/" + device).then().body("addresses", hasSize(0));
    var loc = api().get("/locations/" + location).then().extract().jsonPath();
    api()
        .body(Map.of("name", loc.getString("name"), "addresses", loc.getList("addresses"), "endpoint", "vpn.example.com",
            "allowedGroups", List.of(group, other)))
        .put("/locations/" + location)
        .then()
        .statusCode(200);
    api().get("/devices/" + device).then().body("addresses.address", contains(net + ".0.2"));
    // A group a location names cannot be deleted (the location would open to everyone).
    api().delete("/groups/" + groupId).then().statusCode(409);
  }

  @Test
  void aFullPoolIsAClean409AndNothingIsHalfWritten() {
    String group = unique("g");
    ApiFixtures.createGroup(group);
    long user = ApiFixtures.createUser(unique("ivy"), List.of(group));
    String net = ApiFixtures.subnet();
    // /30: network .0, gateway .1, broadcast .3 -> exactly one device address; the v6 /64 has plenty.
    ApiFixtures.createLocation(unique("tiny"), List.of(net + ".0.1/30", "fd00:" + net.substring(3) + "::1/64"), group);
    ApiFixtures.createDevice(user, "first", ApiFixtures.publicKey());
    String key = ApiFixtures.publicKey();
    api().body(Map.of("userId", user, "name", "second", "publicKey", key)).post("/devices")
        .then().statusCode(409).contentType("application/problem+json")
        .body("type", equalTo("urn:portcullis:problem:pool-exhausted"))
        .body("detail", containsString(net + ".0.0/30"));
    api().get("/devices?userId=" + user).then().body("total", equalTo(1));
    api().queryParam("q", key.substring(0, 20)).get("/devices").then().body("total", equalTo(0));
    assertThat(api().get("/audit?objectType=device&limit=500").asString()).doesNotContain("\"second\"");
  }

  static String decodeQr(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
      return new QRCodeReader().decode(bitmap).getText();
    } catch (Exception e) {
      throw new AssertionError("the PNG is not a readable QR code", e);
    }
  }
}
