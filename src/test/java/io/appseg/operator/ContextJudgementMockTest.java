package io.appseg.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.appseg.operator.status.Reason;
import io.appseg.operator.status.StatusFactory;
import io.appseg.testing.Samples;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * P11 (docs/design.md) on the mock server: an applied plan judged with everything else in force,
 * re-judged when the other objects change. Samples 01 and 02 share namespace production.
 */
class ContextJudgementMockTest extends OperatorMockServerTestBase {
  private static final String PRODUCTION = "production";
  private static final String DATABASE = "postgresql";

  @BeforeEach
  void production() {
    namespace(PRODUCTION, null);
  }

  @Test
  void samples01And02TogetherReport02sFlowBlockedByThe01DefaultDeny() {
    create(Samples.load(Samples.named("01-three-tier.yaml")));
    create(Samples.load(Samples.named("02-database-isolation.yaml")));

    // Until the planner closes the gap (issue 11 item 3), this is the truthful status of 02.
    awaitReady(DATABASE, Reason.FlowBlocked);
    assertThat(condition(DATABASE, StatusFactory.READY).getMessage())
        .startsWith("spec.flows[0] ")
        .contains(":5432/TCP is denied by NetworkPolicy production/three-tier.default-deny");
    assertThat(condition(DATABASE, StatusFactory.STALLED).getStatus())
        .isEqualTo(StatusFactory.TRUE);
    assertThat(gapsOf(DATABASE)).allSatisfy(g -> assertThat(g).contains("three-tier.default-deny"));
    assertThat(policy(PRODUCTION, "postgresql.postgresql"))
        .as("a blocked plan is still applied")
        .isNotNull();
    awaitReady("three-tier", Reason.Reconciled);
    assertThat(events(PRODUCTION, "FlowBlocked")).hasSize(1);
    assertThat(operator.metrics().blockedApps()).isEqualTo(1);
  }

  @Test
  void aForeignDenyBlocksAFlowAndItsRemovalMakesTheAppReadyWithoutAWriteOfOurs() {
    create(Samples.load(Samples.named("02-database-isolation.yaml")));
    awaitReady(DATABASE, Reason.Reconciled);
    NetworkPolicy deny =
        client
            .resource(
                new NetworkPolicyBuilder()
                    .withNewMetadata()
                    .withNamespace(PRODUCTION)
                    .withName("api-egress-lockdown")
                    .endMetadata()
                    .withNewSpec()
                    .withNewPodSelector()
                    .addToMatchLabels("app", "api-server")
                    .endPodSelector()
                    .withPolicyTypes("Egress")
                    .endSpec()
                    .build())
            .create();

    awaitReady(DATABASE, Reason.FlowBlocked);
    assertThat(condition(DATABASE, StatusFactory.READY).getMessage())
        .contains("is denied by NetworkPolicy production/api-egress-lockdown");
    double policyWrites = operator.metrics().writes("networkpolicies");
    Map<String, String> versions = resourceVersions();

    client.resource(deny).delete();

    awaitReady(DATABASE, Reason.Reconciled);
    versions.remove(PRODUCTION + "/api-egress-lockdown");
    assertThat(resourceVersions()).isEqualTo(versions);
    assertThat(operator.metrics().writes("networkpolicies")).isEqualTo(policyWrites);
    assertThat(operator.metrics().blockedApps()).isZero();
  }

  @Test
  void aForeignAllowAllExposesTheAppNamedInStatusEventAndMetricAndItsRemovalClearsIt() {
    create(Samples.load(Samples.named("02-database-isolation.yaml")));
    awaitReady(DATABASE, Reason.Reconciled);
    assertThat(condition(DATABASE, StatusFactory.EXPOSED).getStatus())
        .isEqualTo(StatusFactory.FALSE);
    NetworkPolicy allowAll =
        client
            .resource(
                new NetworkPolicyBuilder()
                    .withNewMetadata()
                    .withNamespace(PRODUCTION)
                    .withName("allow-all")
                    .endMetadata()
                    .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .addNewIngress()
                    .endIngress()
                    .withPolicyTypes("Ingress")
                    .endSpec()
                    .build())
            .create();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Condition exposed = condition(DATABASE, StatusFactory.EXPOSED);
              assertThat(exposed.getStatus()).isEqualTo(StatusFactory.TRUE);
              assertThat(exposed.getReason()).isEqualTo("UndeclaredAllowed");
              assertThat(exposed.getMessage())
                  .contains("is not declared but allowed by NetworkPolicy production/allow-all");
            });
    awaitReady(DATABASE, Reason.Reconciled); // an opening does not make the declared flows fail
    assertThat(events(PRODUCTION, "Exposed"))
        .singleElement()
        .satisfies(e -> assertThat(e.getMessage()).contains("production/allow-all"));
    assertThat(operator.metrics().exposedApps()).isEqualTo(1);
    double policyWrites = operator.metrics().writes("networkpolicies");

    client.resource(allowAll).delete();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(condition(DATABASE, StatusFactory.EXPOSED).getStatus())
                    .isEqualTo(StatusFactory.FALSE));
    assertThat(current(PRODUCTION, DATABASE).getStatus().getGaps()).isNull();
    assertThat(operator.metrics().writes("networkpolicies")).isEqualTo(policyWrites);
    assertThat(operator.metrics().exposedApps()).isZero();
    assertThat(events(PRODUCTION, "Exposed")).hasSize(1);
  }

  private void awaitReady(String name, Reason reason) {
    awaitReady(PRODUCTION, name, reason);
  }

  private Condition condition(String name, String type) {
    return StatusFactory.find(current(PRODUCTION, name).getStatus(), type);
  }

  private List<String> gapsOf(String name) {
    return current(PRODUCTION, name).getStatus().getGaps().stream()
        .map(g -> g.getConnection() + " " + g.getResponsible())
        .toList();
  }
}
