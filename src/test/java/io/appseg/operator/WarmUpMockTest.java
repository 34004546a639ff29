package io.appseg.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.appseg.operator.WarmUp.Result;
import io.appseg.operator.WarmUp.Status;
import io.appseg.operator.config.OperatorConfig;
import io.appseg.operator.status.Reason;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The start-up warm-up in the running operator: on a fresh install it ends before /readyz answers
 * 200 and writes nothing; a restart with apps in the cache skips it.
 */
class WarmUpMockTest extends OperatorMockServerTestBase {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aFreshInstallIsReadyOnlyOnceTheWarmUpEnded() {
    List<String> answers = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> {
              HttpResponse<String> ready = readyz(operator);
              // Read after the answer: a 200 while the warm-up still runs would show here.
              Optional<Result> warmed = operator.warmed();
              answers.add(
                  ready.statusCode() + " " + ready.body().trim() + " " + warmed.isPresent());
              return ready.statusCode() == 200;
            });

    assertThat(answers).allMatch(a -> !a.startsWith("200") || a.endsWith("true"));
    assertThat(answers).allMatch(a -> a.startsWith("200") || a.startsWith("503 warming up "));
    assertThat(operator.warmed().orElseThrow().status()).isEqualTo(Status.FINISHED);
    assertThat(operator.metrics().writes()).isZero();
    assertThat(policies()).isEmpty();
    assertThat(client.v1().events().inAnyNamespace().list().getItems()).isEmpty();
  }

  @Test
  void aRestartWithAppsSkipsIt() throws Exception {
    create(shop());
    awaitReady(Reason.Reconciled);
    operator.close();

    OperatorConfig config = OperatorConfig.fromEnv(env());
    operator =
        AppsegOperator.create(
            client.getConfiguration(),
            config,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            CLOCK);
    operator.start();

    await().atMost(Duration.ofSeconds(30)).until(() -> readyz(operator).statusCode() == 200);
    assertThat(operator.warmed().orElseThrow().status()).isEqualTo(Status.SKIPPED);
  }

  private HttpResponse<String> readyz(AppsegOperator op) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + op.httpPort() + "/readyz")).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
