package io.appseg.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Isolation;
import io.appseg.plan.Labels;
import io.appseg.plan.NamespaceFacts;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.appseg.testing.Samples;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * P5 (docs/design.md): the planner and the self-check agree on what a granted namespace's
 * default-deny covers. The chain sample's tiers live in frontend (its own), backend and db.
 */
class GrantScopeVerifyTest {
  private final Planner planner = new Planner(PlanDefaults.STANDARD);
  private final PlanVerifier verifier = new PlanVerifier(PlanDefaults.STANDARD);
  private final AppSegmentation chain = Samples.load(Samples.named("03-cross-namespace.yaml"));

  @Test
  void aPlainGrantIsolatesOnlyTheTierPodsAndBothAgree() throws InvalidSpecException {
    Plan plan =
        planner.plan(
            chain, Map.of("backend", granted(false), "db", granted(false)), Isolation.NONE);
    assertThat(defaultDenies(plan)).containsExactly("frontend/chain.default-deny");
    assertThat(verifier.verify(chain, plan).ok()).isTrue();
  }

  @Test
  void anAcceptedNamespaceWideDenyIsolatesEveryPodThereAndBothAgree() throws InvalidSpecException {
    Plan plan =
        planner.plan(chain, Map.of("backend", granted(true), "db", granted(false)), Isolation.NONE);
    assertThat(defaultDenies(plan))
        .containsExactly("frontend/chain.default-deny", "backend/chain.default-deny.frontend.ns");
    assertThat(verifier.verify(chain, plan).ok()).isTrue();
  }

  @Test
  void aNamespaceWideDenyWhereItWasNotAcceptedIsCaught() throws InvalidSpecException {
    Plan accepted =
        planner.plan(chain, Map.of("backend", granted(true), "db", granted(false)), Isolation.NONE);
    Plan overreaching =
        new Plan(
            accepted.segNamespace(),
            accepted.segName(),
            accepted.mode(),
            accepted.tiers(),
            accepted.policies(),
            accepted.namespaces(),
            List.of());
    VerificationResult result = verifier.verify(chain, overreaching);
    assertThat(result.ok()).isFalse();
    assertThat(result.mismatches())
        .isNotEmpty()
        .allMatch(m -> m.intended() && !m.actual())
        .anyMatch(m -> (m.source() + " " + m.destination()).contains("backend/bystander"));
  }

  private static NamespaceFacts granted(boolean acceptsNamespaceDeny) {
    return new NamespaceFacts(
        "ns",
        Map.of(),
        acceptsNamespaceDeny
            ? Map.of(
                Labels.GRANT_ANNOTATION, "frontend", Labels.NAMESPACE_DENY_ANNOTATION, "frontend")
            : Map.of(Labels.GRANT_ANNOTATION, "frontend"));
  }

  private static List<String> defaultDenies(Plan plan) {
    return plan.policies().stream()
        .filter(
            p -> Labels.ROLE_DEFAULT_DENY.equals(p.getMetadata().getLabels().get(Labels.COMPONENT)))
        .map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())
        .toList();
  }
}
