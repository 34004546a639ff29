package io.appseg.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.fabric8.kubernetes.client.utils.Serialization;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * P1 ("Exact", docs/design.md) over random valid specs: the planner's policies allow exactly what
 * the spec means.
 */
class PlanExactnessProperties {
  private final Planner planner = new Planner(PlanDefaults.STANDARD);
  private final PlanVerifier verifier = new PlanVerifier(PlanDefaults.STANDARD);

  @Property(tries = 60)
  void thePlannerIsExact(@ForAll("segmentations") AppSegmentation seg) throws InvalidSpecException {
    Plan plan = planner.plan(seg);
    VerificationResult result = verifier.verify(seg, plan);
    Statistics.label("policies")
        .collect(plan.policies().size() > 4 ? ">4" : String.valueOf(plan.policies().size()));
    assertThat(result.mismatches()).as("spec:%n%s", Serialization.asYaml(seg.getSpec())).isEmpty();
    assertThat(result.problems()).isEmpty();
    assertThat(result.checked()).isPositive();
  }

  @Provide
  Arbitrary<AppSegmentation> segmentations() {
    return SegmentationArbitraries.segmentations();
  }
}
