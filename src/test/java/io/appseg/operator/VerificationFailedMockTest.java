package io.appseg.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.Mode;
import io.appseg.operator.status.Reason;
import io.appseg.operator.status.StatusFactory;
import io.appseg.plan.Plan;
import io.appseg.plan.Planner;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The self-check: a planner that (once switched) forgets the db tier's ingress rules produces a
 * plan the verifier refuses. Nothing of it is written or pruned; status and an event say which
 * connection is wrong.
 */
class VerificationFailedMockTest extends OperatorMockServerTestBase {
  private final AtomicBoolean broken = new AtomicBoolean();

  @Override
  PlanFunction planner(Planner standard) {
    return (seg, ns, isolation) ->
        broken.get()
            ? withoutDbIngress(standard.plan(seg, ns, isolation))
            : standard.plan(seg, ns, isolation);
  }

  @Test
  void aWrongPlanIsNeverWrittenAndTheLastGoodPoliciesStay() {
    create(shop());
    awaitReady(Reason.Reconciled);
    Map<String, String> versions = resourceVersions();
    double writes = operator.metrics().writes("networkpolicies");

    broken.set(true);
    edit(
        s -> {
          s.getSpec()
              .getFlows()
              .remove(0); // would update shop.web and shop.api: must not happen either
          s.getSpec().getFlows().add(flow("web", "db"));
          return s;
        });
    awaitReady(Reason.VerificationFailed);

    assertThat(condition("Stalled").getStatus()).isEqualTo(StatusFactory.TRUE);
    assertThat(condition("Ready").getMessage())
        .contains("do not match the spec")
        .contains("nothing was written");
    assertThat(resourceVersions()).isEqualTo(versions);
    assertThat(operator.metrics().writes("networkpolicies")).isEqualTo(writes);
    assertThat(current().getStatus().getPolicies()).isEqualTo(5); // still reports what is applied
    assertThat(events("VerificationFailed")).hasSize(1);
  }

  @Test
  void aWrongFirstPlanWritesNothingAtAll() {
    broken.set(true);
    create(shop());
    awaitReady(Reason.VerificationFailed);

    assertThat(condition("Ready").getMessage())
        .contains("shop/tier-api-a -> shop/tier-db-a:")
        .contains("denied by the plan but allowed by the spec");
    assertThat(policies()).isEmpty();
    assertThat(operator.metrics().writes("networkpolicies")).isZero();
  }

  @Test
  void auditModeReportsAWrongPlanToo() {
    broken.set(true);
    create(inMode(shop(), Mode.Audit));
    awaitReady(Reason.VerificationFailed);

    assertThat(condition("Stalled").getStatus()).isEqualTo(StatusFactory.TRUE);
    assertThat(policies()).isEmpty();
  }

  /** Drops the db tier's ingress rules. */
  private static Plan withoutDbIngress(Plan plan) {
    List<NetworkPolicy> policies =
        plan.policies().stream()
            .map(
                p -> {
                  NetworkPolicy copy = Serialization.clone(p);
                  if (copy.getMetadata().getName().equals("shop.db")) {
                    copy.getSpec().setIngress(List.of());
                  }
                  return copy;
                })
            .toList();
    return new Plan(
        plan.segNamespace(),
        plan.segName(),
        plan.mode(),
        plan.tiers(),
        policies,
        plan.namespaces(),
        plan.namespaceDenyAccepted());
  }
}
