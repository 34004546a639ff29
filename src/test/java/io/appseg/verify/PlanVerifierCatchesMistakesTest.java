package io.appseg.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.DefaultDeny;
import io.appseg.api.v1alpha1.Scope;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.appseg.testing.Samples;
import org.junit.jupiter.api.Test;

/**
 * Each classic planner mistake, applied to a correct plan, is reported with the connection it gets
 * wrong.
 */
class PlanVerifierCatchesMistakesTest {
  private final PlanVerifier verifier = new PlanVerifier(PlanDefaults.STANDARD);
  private final AppSegmentation threeTier = Samples.load(Samples.named("01-three-tier.yaml"));
  private final Plan threeTierPlan = Samples.plan(Samples.named("01-three-tier.yaml"));

  @Test
  void theCorrectPlanPasses() {
    assertThat(verifier.verify(threeTier, threeTierPlan).ok()).isTrue();
  }

  @Test
  void aMissingIngressHalfDeniesTheFlow() {
    Plan broken =
        BrokenPlans.editPolicy(threeTierPlan, "three-tier.database", BrokenPlans::dropIngress);
    assertThat(verifier.verify(threeTier, broken).mismatches())
        .contains(
            new Mismatch(
                "production/tier-backend-a",
                "production/tier-database-a",
                5432,
                "TCP",
                true,
                false))
        .allMatch(m -> m.intended() && !m.actual());
  }

  @Test
  void aMissingDnsRuleCutsNameResolution() {
    Plan broken =
        BrokenPlans.editPolicy(threeTierPlan, "three-tier.frontend", BrokenPlans::dropDns);
    assertThat(verifier.verify(threeTier, broken).mismatches())
        .contains(
            new Mismatch("production/tier-frontend-a", "kube-system/dns-0", 53, "UDP", true, false),
            new Mismatch(
                "production/tier-frontend-a", "kube-system/dns-0", 53, "TCP", true, false));
  }

  @Test
  void aWiderPortIsOverPermissive() {
    // The frontend's sources (ingress-nginx) are not isolated, so only the ingress half restricts
    // the port.
    Plan broken =
        BrokenPlans.editPolicy(threeTierPlan, "three-tier.frontend", BrokenPlans::widenPorts);
    assertThat(verifier.verify(threeTier, broken).mismatches())
        .contains(
            new Mismatch(
                "ingress-nginx/flow-peer-0",
                "production/tier-frontend-a",
                8081,
                "TCP",
                false,
                true))
        .allMatch(m -> !m.intended() && m.actual());
  }

  @Test
  void orInsteadOfAndOpensDnsToTheWholeNamespace() {
    AppSegmentation chain = Samples.load(Samples.named("03-cross-namespace.yaml"));
    Plan broken =
        BrokenPlans.editPolicy(
            Samples.plan(Samples.named("03-cross-namespace.yaml")),
            "chain.backend.frontend.ns",
            BrokenPlans::orSelectors);
    assertThat(verifier.verify(chain, broken).mismatches())
        .as("any kube-system pod now answers the backend on the DNS ports")
        .contains(
            new Mismatch(
                "backend/tier-backend-a", "kube-system/dns-0-other", 53, "UDP", false, true))
        .allMatch(m -> !m.intended() && m.actual());
  }

  @Test
  void orInsteadOfAndLetsLookAlikesIn() throws InvalidSpecException {
    // With scope Tiers a look-alike of the frontend in the backend's namespace is not isolated, so
    // it can try.
    AppSegmentation chain = Samples.load(Samples.named("03-cross-namespace.yaml"));
    DefaultDeny tiersOnly = new DefaultDeny();
    tiersOnly.setScope(Scope.Tiers);
    chain.getSpec().setDefaultDeny(tiersOnly);
    Plan broken =
        BrokenPlans.editPolicy(
            new Planner(PlanDefaults.STANDARD).plan(chain),
            "chain.backend.frontend.ns",
            BrokenPlans::orSelectors);
    assertThat(verifier.verify(chain, broken).mismatches())
        .contains(
            new Mismatch("backend/like-frontend", "backend/tier-backend-a", 80, "TCP", false, true))
        .allMatch(m -> !m.intended() && m.actual());
  }

  @Test
  void aPolicyTheApiServerWouldRejectIsAProblem() {
    Plan broken =
        BrokenPlans.editPolicy(
            threeTierPlan,
            "three-tier.database",
            p -> {
              p.getSpec().getIngress().get(0).getPorts().get(0).setProtocol("ICMP");
              return p;
            });
    VerificationResult result = verifier.verify(threeTier, broken);
    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).singleElement().asString().contains("not valid");
  }

  @Test
  void theSummaryNamesTheFirstMismatches() {
    Plan broken =
        BrokenPlans.editPolicy(threeTierPlan, "three-tier.frontend", BrokenPlans::widenPorts);
    String summary = verifier.verify(threeTier, broken).summary(1);
    assertThat(summary)
        .matches(
            "2 mismatches: ingress-nginx/flow-peer-0 -> production/tier-frontend-a:8081/TCP is allowed by the plan but denied by the spec \\(and 1 more\\)");
  }
}
