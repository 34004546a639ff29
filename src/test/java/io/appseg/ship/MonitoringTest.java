package io.appseg.ship;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appseg.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The alerts and the dashboard the chart and config/monitoring ship: parsed, and every metric name
 * in every expression one that the operator's own registry exports, so a renamed meter fails here
 * rather than silently in someone's Prometheus.
 */
class MonitoringTest {
  private static final Map<String, Object> ON =
      Map.of(
          "metrics",
          Map.of(
              "prometheusRule",
              Map.of("enabled", true),
              "grafanaDashboard",
              Map.of("enabled", true)));

  /** PromQL words that are not metric names: functions, aggregations, operators, modifiers. */
  private static final Set<String> PROMQL =
      Set.of(
          "sum",
          "max",
          "min",
          "avg",
          "count",
          "rate",
          "increase",
          "irate",
          "by",
          "without",
          "and",
          "or",
          "unless",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset");

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  @Test
  void everyAlertExpressionReadsMetricsTheOperatorExports() throws Exception {
    List<String> expressions = alertExpressions(ChartFixture.render(ON));

    assertThat(expressions).hasSize(4);
    expressions.forEach(e -> assertThat(exported()).as(e).containsAll(metricNames(e)));
    assertThat(expressions.stream().flatMap(e -> metricNames(e).stream()))
        .contains(
            "appseg_apps_stalled",
            "appseg_apps_not_ready",
            "appseg_drift_corrections_total",
            "appseg_apply_errors_total");
  }

  @Test
  void everyDashboardPanelReadsMetricsTheOperatorExports() throws Exception {
    ConfigMap map = ChartFixture.render(ON).one("ConfigMap", ConfigMap.class);
    assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    JsonNode dashboard = new ObjectMapper().readTree(map.getData().get("appseg-operator.json"));

    List<String> expressions = new ArrayList<>();
    dashboard
        .get("panels")
        .forEach(p -> p.get("targets").forEach(t -> expressions.add(t.get("expr").asText())));
    assertThat(expressions).isNotEmpty();
    expressions.forEach(e -> assertThat(exported()).as(e).containsAll(metricNames(e)));
  }

  @Test
  void offByDefaultAndKustomizeShipsTheSame() throws Exception {
    Rendered defaults = ChartFixture.render(Map.of());
    assertThat(defaults.has("PrometheusRule")).isFalse();
    assertThat(defaults.ofKind("ConfigMap")).isEmpty();

    Rendered kustomize =
        new Rendered(ChartFixture.parse(Kustomize.build(Path.of("config", "monitoring"))));
    assertThat(alertExpressions(kustomize)).isEqualTo(alertExpressions(ChartFixture.render(ON)));
    assertThat(spec(kustomize)).isEqualTo(spec(ChartFixture.render(ON)));
    assertThat(kustomize.one("ConfigMap", ConfigMap.class).getData().get("appseg-operator.json"))
        .isEqualTo(Files.readString(ChartFixture.CHART.resolve("files/grafana-dashboard.json")));
  }

  private static Object spec(Rendered rendered) {
    HasMetadata rule = rendered.ofKind("PrometheusRule").get(0);
    return ((GenericKubernetesResource) rule).getAdditionalProperties().get("spec");
  }

  @SuppressWarnings("unchecked")
  private static List<String> alertExpressions(Rendered rendered) {
    Map<String, Object> spec = (Map<String, Object>) spec(rendered);
    List<String> out = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) spec.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        out.add(String.valueOf(rule.get("expr")));
      }
    }
    return out;
  }

  /** The names in an expression that are neither PromQL words, label sets, ranges nor numbers. */
  static Set<String> metricNames(String expr) {
    String bare =
        expr.replaceAll("\\[[^]]*]", " ")
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
    return NAME.matcher(bare)
        .results()
        .filter(m -> !bare.substring(m.end()).matches("(?s)\\s*\\(.*"))
        .map(m -> m.group())
        .filter(n -> !PROMQL.contains(n))
        .collect(Collectors.toSet());
  }

  /** The sample names a scrape of the operator's registry holds. */
  private static Set<String> exported() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new OperatorMetrics(registry);
    return registry
        .scrape()
        .lines()
        .filter(l -> !l.startsWith("#") && !l.isBlank())
        .map(l -> l.split("[{ ]")[0])
        .collect(Collectors.toSet());
  }

  @Test
  void theExtractorFindsNamesAndOnlyNames() {
    assertThat(metricNames("sum by (kind) (rate(appseg_writes_total{kind=\"x\"}[5m])) * 60 > 1"))
        .containsExactly("appseg_writes_total");
    assertThat(metricNames("max(a_b) + max(c)")).containsExactlyInAnyOrder("a_b", "c");
  }
}
