package io.appseg.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AuditPreview;
import io.appseg.api.v1alpha1.Mode;
import io.appseg.flows.FlowAudit;
import io.appseg.netpol.Cluster;
import io.appseg.operator.config.OperatorConfig;
import io.appseg.operator.metrics.OperatorMetrics;
import io.appseg.operator.status.Outcome;
import io.appseg.operator.status.StatusFactory;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.appseg.testing.Samples;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's flow source (off by default): a tailed directory feeds the same judgement as
 * {@code appseg audit} for an app in Audit mode, as the TrafficWouldBeDenied condition and a gauge
 * per app, with only aggregates in memory.
 */
class FlowSourceTest {
  static final Path HUBBLE = Samples.BASE.resolve("src/test/resources/flows/hubble.json");

  static AppSegmentation auditSample() {
    AppSegmentation seg = Samples.load(Samples.named("01-three-tier.yaml"));
    seg.getSpec().setMode(Mode.Audit);
    seg.getMetadata().setGeneration(1L);
    return seg;
  }

  @Test
  void offUnlessConfigured() throws Exception {
    Map<String, String> env = Map.of("APPSEG_LEADER_ELECTION", "false");
    assertThat(OperatorConfig.fromEnv(env).flowSource()).isNull();
    assertThat(
            OperatorConfig.fromEnv(
                    Map.of("APPSEG_LEADER_ELECTION", "false", "APPSEG_FLOW_SOURCE", "/flows"))
                .flowSource())
        .isEqualTo(Path.of("/flows"));
  }

  @Test
  void aTailedDirectoryReadsCompleteLinesOnlyAndStartsAgainAfterRotation(@TempDir Path dir)
      throws Exception {
    List<String> lines = Files.readAllLines(HUBBLE);
    Path file = dir.resolve("flows.json");
    Files.write(file, lines.subList(0, 3));
    Files.writeString(file, lines.get(4).substring(0, 40), StandardOpenOption.APPEND);
    FlowSource source = new FlowSource(dir, PlanDefaults.STANDARD);
    source.tail();
    assertThat(source.snapshot().connections())
        .singleElement()
        .satisfies(c -> assertThat(c.count()).isEqualTo(3));
    Files.writeString(file, lines.get(4).substring(40) + "\n", StandardOpenOption.APPEND);
    source.tail();
    assertThat(source.snapshot().connections()).hasSize(2);
    Files.write(file, lines.subList(0, 1)); // rotated: shorter than what was read
    source.tail();
    assertThat(source.snapshot().connections())
        .filteredOn(c -> c.destination().pod().endsWith("-x7k2p"))
        .singleElement()
        .satisfies(c -> assertThat(c.count()).isEqualTo(4));
  }

  @Test
  void anAuditModeAppIsJudgedAgainstTheFlowsAsConditionAndGauge(@TempDir Path dir)
      throws Exception {
    Files.copy(HUBBLE, dir.resolve("hubble.json"));
    AppSegmentation seg = auditSample();
    Plan plan = new Planner(PlanDefaults.STANDARD).plan(seg);
    try (FlowSource source = new FlowSource(dir, PlanDefaults.STANDARD)) {
      source.start(1);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !source.snapshot().connections().isEmpty());
      FlowAudit.Report report = source.judge(seg, plan, Cluster.empty());
      assertThat(report.deniedObservations()).isEqualTo(7);
      assertThat(report.denied()).hasSize(5);

      Outcome outcome =
          Outcome.auditOnly(plan, "Enforce would create 4", new AuditPreview()).withTraffic(report);
      Condition c =
          new StatusFactory(Clock.systemUTC())
              .build(seg, outcome).getConditions().stream()
                  .filter(x -> x.getType().equals(StatusFactory.TRAFFIC_WOULD_BE_DENIED))
                  .findFirst()
                  .orElseThrow();
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getReason()).isEqualTo("WouldBeDenied");
      assertThat(c.getMessage())
          .startsWith("7 of 22 observed flows would be denied once enforced, most ")
          .endsWith(" and 4 more groups");

      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      OperatorMetrics metrics = new OperatorMetrics(registry);
      ResourceID id = ResourceID.fromResource(seg);
      metrics.wouldBeDenied(id, report.deniedObservations());
      assertThat(
              registry
                  .get("appseg.flows.would.be.denied")
                  .tags("namespace", "production", "name", "three-tier")
                  .gauge()
                  .value())
          .isEqualTo(7.0);
      metrics.forget(id);
      assertThat(registry.find("appseg.flows.would.be.denied").gauges()).isEmpty();
    }
  }
}
