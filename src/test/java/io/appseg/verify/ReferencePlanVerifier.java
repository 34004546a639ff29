package io.appseg.verify;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.InvalidInputException;
import io.appseg.netpol.NetworkPolicyEvaluator;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import java.util.ArrayList;
import java.util.List;

/**
 * The straightforward self-check the bulk {@link PlanVerifier} replaced, kept as the yardstick: every ordered pair,
 * every probe, one {@link Intent#allows} and one {@link NetworkPolicyEvaluator#allows} question each.
 */
final class ReferencePlanVerifier {
  private final PlanDefaults defaults;

  ReferencePlanVerifier(PlanDefaults defaults) {
    this.defaults = defaults;
  }

  VerificationResult verify(AppSegmentation seg, Plan plan) {
    SpecFacts spec = SpecFacts.of(seg, defaults);
    Population population = new PopulationBuilder(spec).build();
    Cluster cluster;
    try {
      cluster = population.cluster(plan.policies());
    } catch (InvalidInputException e) {
      return new VerificationResult(List.of(), List.of("the plan is not valid: " + e.getMessage()), 0);
    }
    Intent intent = new Intent(spec);
    List<Mismatch> mismatches = new ArrayList<>();
    long checked = 0;
    for (Node source : population.nodes()) {
      for (Node destination : population.nodes()) {
        if (source.equals(destination) || !source.isPod() && !destination.isPod()) {
          continue;
        }
        for (Probe probe : population.probes()) {
          boolean intended = intent.allows(source, destination, probe.port(), probe.protocol());
          boolean actual = NetworkPolicyEvaluator.allows(cluster, PlanVerifier.connection(source, destination, probe));
          checked++;
          if (intended != actual) {
            mismatches.add(new Mismatch(source.id(), destination.id(), probe.port(), probe.protocol().name(),
                intended, actual));
          }
        }
      }
    }
    return new VerificationResult(mismatches, List.of(), checked);
  }
}
