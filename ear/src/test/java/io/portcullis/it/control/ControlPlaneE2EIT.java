package io.portcullis.it.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.portcullis.it.Deployments;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs {@code gateway-native/src/test/sh/e2e/control-plane.sh} against the deployed core: a real gateway in
 * userspace mode and a wireguard-go client in network namespaces; the script also takes the core down (undeploys
 * the EAR through this WildFly's management API) and brings it back. Needs root (namespaces) and the built
 * gateway jar; skipped otherwise.
 */
@ExtendWith(ArquillianExtension.class)
class ControlPlaneE2EIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  @DisabledIfSystemProperty(named = "portcullis.skipE2E", matches = "true", disabledReason = "-Dportcullis.skipE2E=true leaves it out")
  void gatewayAndClientInNamespacesFollowTheCore() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Path script = root.resolve("gateway-native/src/test/sh/e2e/control-plane.sh");
    assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
    assumeTrue(Files.exists(root.resolve("gateway-native/target/portcullis-gateway.jar")), "gateway jar not built");
    Path log = Files.createTempFile("control-plane-e2e", ".log");
    // The script calls the REST API as automation does: with a personal API token of an administrator.
    String apiToken =
        io.restassured.RestAssured.given().spec(Deployments.api())
            .body(java.util.Map.of("name", "e2e-" + System.nanoTime()))
            .post("/tokens").then().statusCode(201).extract().jsonPath().getString("secret");
    ProcessBuilder builder =
        new ProcessBuilder(
                "bash", script.toString(), Deployments.baseUrl(), System.getProperty("portcullis.it.grpcPort", "15055"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .directory(new File(root.toString()));
    builder.environment().put("PORTCULLIS_API_TOKEN", apiToken);
    // The core outage: the script undeploys and redeploys the EAR through this WildFly's management API.
    builder.environment().put("JBOSS_HOME", System.getProperty("jboss.home"));
    builder.environment().put("MGMT_PORT", System.getenv("PORTCULLIS_IT_MANAGEMENT_PORT"));
    builder.environment().put("DEPLOYMENT", "portcullis.ear");
    Process p = builder.start();
    boolean done = p.waitFor(10, TimeUnit.MINUTES);
    if (!done) {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
    }
    String output = Files.readString(log);
    System.out.println(output);
    assertThat(done).as("the script finished within 10 minutes").isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).containsPattern("(?m)^[1-9][0-9]* passed, 0 failed$");
  }
}
