package io.appseg.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Isolation;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.appseg.verify.WorstCaseSpecs.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The self-check's cost is bounded by design (P13, docs/design.md): every spec at the CRD's bounds
 * is verified within the budget or refused as too complex before any question is asked. Time is
 * measured by the JMH benchmark and the real-API-server test, not here; this test bounds the work.
 */
class WorstCaseCostTest {
  private final Planner planner = new Planner(PlanDefaults.STANDARD);
  private final PlanVerifier verifier = new PlanVerifier(PlanDefaults.STANDARD);

  @ParameterizedTest
  @EnumSource(Shape.class)
  void aSpecAtTheCrdsBoundsVerifiesWithinTheBudget(Shape shape) throws InvalidSpecException {
    AppSegmentation seg = WorstCaseSpecs.of(shape);
    Plan plan = planner.plan(seg);
    Population population = verifier.population(seg, plan);
    long ends = population.nodes().size();

    VerificationResult result = verifier.verify(seg, plan);

    assertThat(result.ok()).as(result.summary(3)).isTrue();
    assertThat(ends * ends * population.probes().size()).isLessThanOrEqualTo(PlanVerifier.BUDGET);
    assertThat(ends).as("ends grow with the spec, not with its products").isLessThan(1000);
  }

  /**
   * The guard for what the CRD's bounds miss, shown with a budget below the densest shape's work.
   */
  @Test
  void aSpecOverTheBudgetIsRefusedAsTooComplexWithAOneLineReason() throws InvalidSpecException {
    AppSegmentation seg = WorstCaseSpecs.of(Shape.TANGLED);

    VerificationResult result =
        new PlanVerifier(PlanDefaults.STANDARD, 100_000_000L).verify(seg, planner.plan(seg));

    assertThat(result.tooComplex()).isTrue();
    assertThat(result.ok()).isFalse();
    assertThat(result.checked()).isZero();
    assertThat(result.summary(3))
        .startsWith("the spec is too complex to verify: ")
        .contains("use fewer distinct cidr and except blocks, port ranges and pod peers")
        .doesNotContain("\n");
  }

  @Test
  void aVerifiedInputIsNotVerifiedAgainUntilItChanges() throws InvalidSpecException {
    AppSegmentation seg = WorstCaseSpecs.of(Shape.MESH);
    Plan plan = planner.plan(seg);
    VerifiedPlans verified = new VerifiedPlans(verifier);

    assertThat(verified.verify(seg, plan, Isolation.NONE).checked()).isPositive();
    assertThat(verified.verify(seg, planner.plan(seg), Isolation.NONE).checked())
        .as("same input")
        .isZero();
    seg.getSpec().getFlows().remove(0);
    assertThat(verified.verify(seg, planner.plan(seg), Isolation.NONE).checked())
        .as("spec changed")
        .isPositive();
    assertThat(verified.verify(seg, plan, Isolation.NONE).checked())
        .as("plan changed")
        .isPositive();
    verified.forget(seg);
    assertThat(verified.size()).isZero();
  }
}
