package io.appseg.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.Mode;
import io.appseg.operator.status.Reason;
import io.appseg.operator.status.StatusFactory;
import io.appseg.testing.Samples;
import io.fabric8.kubernetes.api.model.Condition;
import io.micrometer.core.instrument.Gauge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciler's flow step on the mock server: with {@code APPSEG_FLOW_SOURCE} set, an app in
 * Audit mode is judged against the tailed flows (condition TrafficWouldBeDenied and the gauge of
 * its would-be-denied flows), judged again when its spec changes, and leaves the measure in
 * Enforce. Flows named by pod only (CSV) are said to be unjudged, not silently dropped.
 */
class FlowStepMockTest extends OperatorMockServerTestBase {
  private static final String PRODUCTION = "production";
  private static final String APP = "three-tier";
  private static final String GAUGE = "appseg.flows.would.be.denied";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path flows;

  /** The flow file a test starts the operator with: it is read before the first reconcile. */
  private final Path recorded;

  FlowStepMockTest(TestInfo test) {
    boolean csv = test.getTestMethod().orElseThrow().getName().startsWith("csv");
    recorded =
        csv ? Samples.BASE.resolve("src/test/resources/flows/flows.csv") : FlowSourceTest.HUBBLE;
  }

  @Override
  Map<String, String> env() {
    Map<String, String> env = new HashMap<>(super.env());
    env.put("APPSEG_FLOW_SOURCE", flows.toString());
    return env;
  }

  @Override
  void beforeOperatorStarts() {
    namespace(PRODUCTION, null);
    namespace("ingress-nginx", null);
    try {
      Files.copy(recorded, flows.resolve(recorded.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anAuditAppFedByHubbleFlowsReportsWhatWouldBeDeniedAndItsFixClearsIt() throws IOException {
    create(audit());

    Condition denied = awaitTraffic("True");
    assertThat(denied.getReason()).isEqualTo("WouldBeDenied");
    assertThat(denied.getMessage())
        .matches("7 of \\d+ observed flows would be denied once enforced, most .*")
        .contains("fix: ");
    assertThat(gauge()).isEqualTo(7.0);
    assertThat(policies()).as("Audit writes no policy").isEmpty();

    // Every observed flow the plan would cut, declared: the same flows, now all allowed.
    List<Flow> fixes = admitted();
    edit(
        PRODUCTION,
        APP,
        seg -> {
          seg.getSpec().getFlows().addAll(fixes);
          return seg;
        });

    Condition clean = awaitTraffic("False");
    assertThat(clean.getReason()).isEqualTo("NoneWouldBeDenied");
    assertThat(clean.getMessage()).startsWith("none of ").endsWith(" would be denied");
    assertThat(gauge()).isZero();

    edit(
        PRODUCTION,
        APP,
        seg -> {
          seg.getSpec().setMode(Mode.Enforce);
          return seg;
        });
    awaitReady(PRODUCTION, APP, Reason.Reconciled);
    assertThat(traffic()).as("judged only in Audit mode").isNull();
    assertThat(operator.metrics().registry().find(GAUGE).gauges()).isEmpty();
  }

  @Test
  void csvFlowsThatNamePodsWithoutLabelsAreReportedAsNotJudged() throws IOException {
    create(audit());

    Condition unknown = awaitTraffic("Unknown");
    assertThat(unknown.getReason()).isEqualTo("NotJudged");
    assertThat(unknown.getMessage())
        .matches("\\d+ observed flows not judged: a pod named without its labels .*")
        .contains("the operator reads no pods")
        .contains("appseg audit --flows FILE --live");
    assertThat(gauge()).isZero();
  }

  private static AppSegmentation audit() {
    AppSegmentation seg = Samples.load(Samples.named("01-three-tier.yaml"));
    seg.getSpec().setMode(Mode.Audit);
    return seg;
  }

  /** The fixes the audit of sample 01 against the Hubble fixture names (two CIDRs in one). */
  private static List<Flow> admitted() throws IOException {
    List<Flow> out = new ArrayList<>();
    for (String flow :
        List.of(
            "{\"from\":{\"namespace\":\"monitoring\",\"podSelector\":{\"matchLabels\":"
                + "{\"app.kubernetes.io/name\":\"prometheus\"}}},\"to\":{\"tier\":\"backend\"},"
                + "\"ports\":[{\"port\":9090}]}",
            "{\"from\":{\"tier\":\"backend\"},\"to\":{\"cidr\":\"198.51.100.4/31\"},"
                + "\"ports\":[{\"port\":443}]}",
            "{\"from\":{\"tier\":\"backend\"},\"to\":{\"tier\":\"database\"},"
                + "\"ports\":[{\"port\":5433}]}",
            "{\"from\":{\"tier\":\"frontend\"},\"to\":{\"tier\":\"database\"}}")) {
      out.add(JSON.readValue(flow, Flow.class));
    }
    return out;
  }

  private Condition awaitTraffic(String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(traffic()).isNotNull();
              assertThat(traffic().getStatus()).isEqualTo(status);
              assertThat(traffic().getObservedGeneration())
                  .isEqualTo(current(PRODUCTION, APP).getMetadata().getGeneration());
            });
    return traffic();
  }

  private Condition traffic() {
    AppSegmentation seg = current(PRODUCTION, APP);
    return StatusFactory.find(seg.getStatus(), StatusFactory.TRAFFIC_WOULD_BE_DENIED);
  }

  private double gauge() {
    Gauge g =
        operator
            .metrics()
            .registry()
            .find(GAUGE)
            .tags("namespace", PRODUCTION, "name", APP)
            .gauge();
    assertThat(g).as(GAUGE).isNotNull();
    return g.value();
  }
}
