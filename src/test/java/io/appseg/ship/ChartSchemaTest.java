package io.appseg.ship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** values.schema.json: Helm refuses to render with values of the wrong type or unknown keys. */
class ChartSchemaTest {

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(Map.of("replicaCount", "two"), "replicaCount"),
        Arguments.of(Map.of("logFormat", "xml"), "logFormat"),
        Arguments.of(Map.of("logLevel", "LOUD"), "logLevel"),
        Arguments.of(Map.of("replicaCout", 2), "replicaCout"),
        Arguments.of(Map.of("crds", Map.of("install", "yes")), "install"),
        Arguments.of(Map.of("crds", Map.of("instal", true)), "instal"),
        Arguments.of(Map.of("watchNamespaces", List.of("Shop_Front")), "watchNamespaces"),
        Arguments.of(Map.of("watchNamespaces", "shop"), "watchNamespaces"),
        Arguments.of(Map.of("metrics", Map.of("port", 70000)), "port"),
        Arguments.of(
            Map.of("metrics", Map.of("serviceMonitor", Map.of("interval", "often"))), "interval"),
        Arguments.of(Map.of("dns", Map.of("podSelector", Map.of("k8s-app", 1))), "podSelector"),
        Arguments.of(Map.of("image", Map.of("pullPolicy", "Sometimes")), "pullPolicy"),
        Arguments.of(Map.of("leaderElection", Map.of("leaseDuration", 5)), "leaseDuration"),
        Arguments.of(Map.of("leaderElection", Map.of("retryPeriod", "1 s")), "retryPeriod"),
        // Two replicas without a Lease would both reconcile and fight over the same policies.
        Arguments.of(Map.of("leaderElection", Map.of("enabled", false)), "replicaCount"));
  }

  @ParameterizedTest
  @MethodSource("badValues")
  void templateRejects(Map<String, Object> values, String path) {
    assertThatThrownBy(() -> ChartFixture.template(values))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(path);
  }

  @Test
  void templateAcceptsEveryDocumentedShape() {
    assertThatCode(
            () ->
                ChartFixture.template(
                    Map.of(
                        "monitoring",
                            Map.of(
                                "port",
                                "metrics",
                                "namespaceSelector",
                                Map.of("kubernetes.io/metadata.name", "mon")),
                        "watchNamespaces", List.of("shop"),
                        "resources", Map.of("requests", Map.of("cpu", 1, "memory", "1Gi")),
                        "replicaCount", 1,
                        "leaderElection", Map.of("enabled", false))))
        .doesNotThrowAnyException();
    assertThatCode(() -> ChartFixture.template(Map.of("monitoring", Map.of("port", 9090))))
        .doesNotThrowAnyException();
  }

  @Test
  void lintFailsOnAChartWhoseValuesBreakTheSchema(@TempDir Path dir) throws IOException {
    Path chart = copyChart(dir);
    Path values = chart.resolve("values.yaml");
    Files.writeString(
        values, Files.readString(values).replace("replicaCount: 2", "replicaCount: two"));

    LintResult result = new Helm(chart).lint().strict().call();

    assertThat(result.isFailed()).isTrue();
    assertThat(String.join("\n", result.getMessages())).contains("replicaCount");
  }

  private static Path copyChart(Path dir) throws IOException {
    Path target = dir.resolve("appseg-operator");
    try (Stream<Path> files = Files.walk(ChartFixture.CHART)) {
      for (Path p : files.toList()) {
        Path to = target.resolve(ChartFixture.CHART.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }
}
