package io.appseg.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Planner;
import io.appseg.testing.Samples;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The bulk {@link PlanVerifier} reports exactly what the pair-by-pair {@link ReferencePlanVerifier}
 * reports: the same mismatches in the same order, the same problems and the same number of
 * questions, on correct plans and on plans broken on purpose (where the lists are long and varied).
 */
class PlanVerifierEquivalenceTest {
  private final PlanVerifier fast = new PlanVerifier(PlanDefaults.STANDARD);
  private final ReferencePlanVerifier reference = new ReferencePlanVerifier(PlanDefaults.STANDARD);

  /** Planner mistakes, each applicable only to some policies (the test says which). */
  private static final Map<String, Breaker> BREAKERS =
      Map.of(
          "drop first ingress rule",
              new Breaker(p -> !p.getSpec().getIngress().isEmpty(), BrokenPlans::dropIngress),
          "drop last egress rule",
              new Breaker(p -> !p.getSpec().getEgress().isEmpty(), BrokenPlans::dropDns),
          "or-ed selectors", new Breaker(p -> true, BrokenPlans::orSelectors),
          "widened ports", new Breaker(p -> true, BrokenPlans::widenPorts),
          "no ingress rules",
              new Breaker(
                  p -> true,
                  p -> {
                    p.getSpec().setIngress(new ArrayList<>());
                    return p;
                  }),
          "allow all egress",
              new Breaker(
                  p -> !p.getSpec().getEgress().isEmpty(),
                  p -> {
                    p.getSpec().getEgress().get(0).setTo(new ArrayList<>());
                    p.getSpec().getEgress().get(0).setPorts(new ArrayList<>());
                    return p;
                  }));

  private record Breaker(Predicate<NetworkPolicy> applies, UnaryOperator<NetworkPolicy> edit) {}

  @Test
  void everySampleWithItsPlanAndWithEveryMistakeInEveryPolicy() {
    long mismatchesCompared = 0;
    for (Path sample : Samples.all()) {
      AppSegmentation seg = Samples.load(sample);
      Plan plan = Samples.plan(sample);
      mismatchesCompared += assertSame(sample.getFileName() + " as planned", seg, plan);
      for (NetworkPolicy policy : plan.policies()) {
        String name = policy.getMetadata().getName();
        mismatchesCompared +=
            assertSame(sample.getFileName() + " without " + name, seg, without(plan, name));
        for (Map.Entry<String, Breaker> b : BREAKERS.entrySet()) {
          if (b.getValue().applies().test(policy)) {
            mismatchesCompared +=
                assertSame(
                    sample.getFileName() + ", " + name + ": " + b.getKey(),
                    seg,
                    BrokenPlans.editPolicy(plan, name, b.getValue().edit()));
          }
        }
      }
    }
    assertThat(mismatchesCompared)
        .as("the broken plans must give both implementations something to report")
        .isGreaterThan(1000);
  }

  @Test
  void anInvalidPlanIsTheSameProblem() {
    Path sample = Samples.named("01-three-tier.yaml");
    Plan broken =
        BrokenPlans.editPolicy(
            Samples.plan(sample),
            "three-tier.database",
            p -> {
              p.getSpec().getIngress().get(0).getPorts().get(0).setProtocol("ICMP");
              return p;
            });
    assertThat(assertSame("ICMP", Samples.load(sample), broken)).isZero();
  }

  @Property(tries = 60)
  void randomSpecsWithTheirPlansAndARandomMistake(
      @ForAll("segmentations") AppSegmentation seg,
      @ForAll("breakers") String breaker,
      @ForAll("indexes") int which)
      throws InvalidSpecException {
    Plan plan = new Planner(PlanDefaults.STANDARD).plan(seg);
    assertSame("as planned", seg, plan);
    List<NetworkPolicy> candidates =
        plan.policies().stream().filter(BREAKERS.get(breaker).applies()).toList();
    if (!candidates.isEmpty()) {
      String name = candidates.get(which % candidates.size()).getMetadata().getName();
      long reported =
          assertSame(
              name + ": " + breaker,
              seg,
              BrokenPlans.editPolicy(plan, name, BREAKERS.get(breaker).edit()));
      Statistics.label("broken plan reported").collect(reported > 0);
    }
  }

  @Provide
  Arbitrary<AppSegmentation> segmentations() {
    return SegmentationArbitraries.segmentations();
  }

  @Provide
  Arbitrary<String> breakers() {
    return Arbitraries.of(BREAKERS.keySet().stream().sorted().toList());
  }

  @Provide
  Arbitrary<Integer> indexes() {
    return Arbitraries.integers().between(0, 20);
  }

  /** Both results equal in full; returns how many mismatches they agreed on. */
  private long assertSame(String what, AppSegmentation seg, Plan plan) {
    VerificationResult expected = reference.verify(seg, plan);
    VerificationResult actual = fast.verify(seg, plan);
    assertThat(actual.mismatches())
        .as(what + "\nspec:\n" + Serialization.asYaml(seg.getSpec()))
        .containsExactlyElementsOf(expected.mismatches());
    assertThat(actual.problems()).as(what).isEqualTo(expected.problems());
    assertThat(actual.checked()).as(what).isEqualTo(expected.checked());
    return expected.mismatches().size();
  }

  private static Plan without(Plan plan, String name) {
    List<NetworkPolicy> kept =
        plan.policies().stream().filter(p -> !p.getMetadata().getName().equals(name)).toList();
    return new Plan(
        plan.segNamespace(),
        plan.segName(),
        plan.mode(),
        plan.tiers(),
        kept,
        plan.namespaces(),
        plan.namespaceDenyAccepted());
  }
}
