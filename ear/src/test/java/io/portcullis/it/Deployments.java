package io.portcullis.it;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * The black-box deployment of the *IT tests: the EAR this module built, exactly as users deploy it.
 *
 * <p>Use it from a test class annotated {@code @ExtendWith(ArquillianExtension.class)}:
 *
 * <pre>{@code
 * @Deployment(testable = false)
 * static EnterpriseArchive deployment() { return Deployments.ear(); }
 * }</pre>
 */
public final class Deployments {
  private Deployments() {}

  /** The packaged {@code target/portcullis.ear}. */
  public static EnterpriseArchive ear() {
    File ear = new File("target/portcullis.ear");
    if (!ear.isFile()) {
      throw new IllegalStateException("target/portcullis.ear is missing: run mvn verify, not the test alone");
    }
    return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
  }

  /** The server's root URL, e.g. {@code http://127.0.0.1:18080}. */
  public static String baseUrl() {
    return System.getProperty("portcullis.it.baseUrl", "http://127.0.0.1:18080");
  }

  /**
   * A RestAssured request specification for {@code /api/v1} with JSON in and out, as the realm's first
   * administrator (a Keycloak access token from the test Keycloak).
   */
  public static RequestSpecification api() {
    return apiAs(TestKeycloak.adminToken());
  }

  /** As {@link #api()}, with {@code bearer} as the token (a Keycloak access token or a {@code pct_} API token). */
  public static RequestSpecification apiAs(String bearer) {
    return new RequestSpecBuilder()
        .addRequestSpecification(anonymousApi())
        .addHeader("Authorization", "Bearer " + bearer)
        .build();
  }

  /** As {@link #api()}, without any credentials. */
  public static RequestSpecification anonymousApi() {
    return new RequestSpecBuilder()
        .setBaseUri(baseUrl())
        .setBasePath("/api/v1")
        .setContentType(ContentType.JSON)
        .setAccept(ContentType.JSON)
        .build();
  }

  static {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }
}
