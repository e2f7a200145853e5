package io.portcullis.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The EAR deploys into the provisioned WildFly, migrates the real database and reports itself healthy. */
@ExtendWith(ArquillianExtension.class)
class HealthIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  void healthReportsDatabaseAndSchemaVersion() {
    given()
        .spec(Deployments.api())
        .when()
        .get("/health")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("database", equalTo("UP"))
        .body("schemaVersion", notNullValue());
  }

  @Test
  void openApiDocumentIsServed() {
    given()
        .baseUri(Deployments.baseUrl())
        .when()
        .get("/openapi")
        .then()
        .statusCode(200);
  }
}
