package io.portcullis.it.api;

import static io.portcullis.it.api.ApiFixtures.api;
import static io.portcullis.it.api.ApiFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.it.Deployments;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many clients create devices in one small pool at once: every address handed out is distinct, the pool fills
 * exactly, and the creations that do not fit get a clean 409, never a 500.
 */
@ExtendWith(ArquillianExtension.class)
class AddressConcurrencyIT {

  private static final int THREADS = 8;
  private static final int PER_THREAD = 10;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  void concurrentCreationsNeverShareAnAddress() throws Exception {
    String group = unique("g");
    ApiFixtures.createGroup(group);
    long user = ApiFixtures.createUser(unique("crowd"), List.of(group));
    String net = ApiFixtures.subnet();
    // /26: 64 addresses minus network, broadcast and gateway = 61 device addresses for 80 attempts.
    long location = ApiFixtures.createLocation(unique("busy"), List.of(net + ".0.1/26"), group);
    int capacity = 61;

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<Response> responses = new ConcurrentLinkedQueue<>();
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < PER_THREAD; i++) {
                    responses.add(
                        api()
                            .body(Map.of("userId", user, "name", "d-" + thread + "-" + i, "publicKey", ApiFixtures.publicKey()))
                            .post("/devices"));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
    assertThat(statuses).hasSize(THREADS * PER_THREAD).containsOnly(201, 409);
    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(capacity);
    responses.stream()
        .filter(r -> r.statusCode() == 409)
        .forEach(r -> assertThat(r.jsonPath().getString("type")).isEqualTo("urn:portcullis:problem:pool-exhausted"));

    Set<String> addresses = new HashSet<>();
    List<String> all =
        api().get("/devices?locationId=" + location + "&limit=500").then().statusCode(200).extract().jsonPath()
            .getList("items.addresses.flatten().address", String.class);
    addresses.addAll(all);
    assertThat(all).hasSize(capacity);
    assertThat(addresses).hasSize(capacity).doesNotContain(net + ".0.0", net + ".0.1", net + ".0.63");
    for (int host = 2; host <= 62; host++) {
      assertThat(addresses).contains(net + ".0." + host);
    }
    api().get("/devices?userId=" + user + "&limit=1").then().statusCode(200)
        .body("total", org.hamcrest.Matchers.equalTo(capacity));
  }
}
