package io.portcullis.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.it.Deployments;
import io.portcullis.it.TestKeycloak;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pages' login by redirect, as a browser does it over HTTP (cookies, redirects, Keycloak's own login form):
 * WildFly sends the visitor to Keycloak, the password there signs them in, logout ends both sessions.
 */
@ExtendWith(ArquillianExtension.class)
class WebLoginIT {

  private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  /**
   * A cookie-keeping client that does not follow redirects, so each hop can be checked. Like browsers, it sends
   * cookies marked Secure back to a loopback address over plain HTTP (Keycloak marks its login cookies Secure;
   * browsers treat 127.0.0.1 as a secure context, java.net's CookieManager does not).
   */
  private static final class Browser {
    final HttpClient http = HttpClient.newBuilder()
        .cookieHandler(new LoopbackCookies())
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    HttpResponse<String> get(String url) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url, String form) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(url))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Follows redirects from {@code first} (at most 10), answering the last response. */
    HttpResponse<String> follow(HttpResponse<String> first) throws Exception {
      HttpResponse<String> r = first;
      for (int hops = 0; hops < 10 && r.statusCode() / 100 == 3; hops++) {
        String location = r.headers().firstValue("Location").orElseThrow();
        r = get(r.uri().resolve(location).toString());
      }
      return r;
    }
  }

  private static final class LoopbackCookies extends java.net.CookieHandler {
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws java.io.IOException {
      return cookies.get(uri, headers);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> headers) throws java.io.IOException {
      Map<String, List<String>> relaxed = new java.util.HashMap<>();
      headers.forEach((name, values) -> relaxed.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
          ? values.stream().map(v -> v.replaceAll("(?i);\\s*Secure", "")).toList()
          : values));
      cookies.put(uri, relaxed);
    }
  }

  private static String loginAction(HttpResponse<String> loginPage) {
    Matcher m = FORM_ACTION.matcher(loginPage.body());
    assertThat(m.find()).as("Keycloak's login form in:%n%s", loginPage.body()).isTrue();
    return m.group(1).replace("&amp;", "&");
  }

  private static String form(String user, String password) {
    return "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&credentialId=";
  }

  @Test
  void pagesLogInThroughKeycloakAndLogoutEndsBothSessions() throws Exception {
    Browser browser = new Browser();
    String page = Deployments.baseUrl() + "/whoami";

    HttpResponse<String> first = browser.get(page);
    assertThat(first.statusCode()).isEqualTo(302);
    String authorize = first.headers().firstValue("Location").orElseThrow();
    assertThat(authorize).startsWith(TestKeycloak.realmUrl() + "/protocol/openid-connect/auth")
        .contains("client_id=portcullis-web").contains("response_type=code");

    HttpResponse<String> loginPage = browser.follow(first);
    assertThat(loginPage.statusCode()).isEqualTo(200);
    HttpResponse<String> wrong = browser.post(loginAction(loginPage), form(TestKeycloak.ADMIN, "wrong-password"));
    assertThat(wrong.statusCode()).isEqualTo(200);
    assertThat(wrong.body()).contains("Invalid username or password");

    HttpResponse<String> signedIn = browser.follow(browser.post(loginAction(wrong), form(TestKeycloak.ADMIN, TestKeycloak.ADMIN_PASSWORD)));
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
    assertThat(signedIn.uri().toString()).startsWith(page);
    assertThat(signedIn.body().trim()).isEqualTo(TestKeycloak.ADMIN + " (admin)");
    // The session holds: no new trip to Keycloak.
    assertThat(browser.get(page).statusCode()).isEqualTo(200);

    HttpResponse<String> logout = browser.get(Deployments.baseUrl() + "/logout");
    assertThat(logout.statusCode()).isEqualTo(302);
    assertThat(logout.headers().firstValue("Location").orElseThrow())
        .startsWith(TestKeycloak.realmUrl() + "/protocol/openid-connect/logout").contains("id_token_hint=");
    HttpResponse<String> afterLogout = browser.follow(logout);
    assertThat(afterLogout.uri().toString()).startsWith(TestKeycloak.realmUrl()); // back at Keycloak's login: both sessions ended

    // Both sessions are over: the page sends us to Keycloak, and Keycloak asks for the password again.
    HttpResponse<String> again = browser.get(page);
    assertThat(again.statusCode()).isEqualTo(302);
    HttpResponse<String> loginAgain = browser.follow(again);
    assertThat(loginAgain.statusCode()).isEqualTo(200);
    assertThat(loginAgain.uri().toString()).startsWith(TestKeycloak.realmUrl());
    assertThat(loginAgain.body()).contains("kc-form-login");
  }

  @Test
  void disabledPeopleCannotUseThePages() throws Exception {
    String name = "web-" + System.nanoTime();
    TestKeycloak.createUser(name, "Pass-word-1", List.of());
    long id = io.restassured.RestAssured.given().spec(Deployments.apiAs(TestKeycloak.token(name, "Pass-word-1")))
        .get("/me").then().statusCode(200).extract().jsonPath().getLong("user.id");
    io.restassured.RestAssured.given().spec(Deployments.api())
        .body(java.util.Map.of("username", name, "enabled", false)).put("/users/" + id).then().statusCode(200);
    Browser browser = new Browser();
    HttpResponse<String> loginPage = browser.follow(browser.get(Deployments.baseUrl() + "/whoami"));
    HttpResponse<String> result = browser.follow(browser.post(loginAction(loginPage), form(name, "Pass-word-1")));
    // Disabling here disabled the Keycloak account too (provisioning), so Keycloak itself refuses the login;
    // a session that existed before would get 403 from the pages (SignInFilter), as the API does (AuthorizationIT).
    assertThat(result.uri().toString()).startsWith(TestKeycloak.realmUrl());
    assertThat(result.body()).containsIgnoringCase("disabled");
  }
}
