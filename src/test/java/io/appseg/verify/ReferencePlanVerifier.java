package io.appseg.verify;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.NetworkPolicyEvaluator;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Resolved;
import java.util.ArrayList;
import java.util.List;

/**
 * The straightforward self-check the bulk {@link PlanVerifier} replaced, kept as the yardstick: on
 * the same population, every ordered pair, every probe, one {@link Intent#allows} and one {@link
 * NetworkPolicyEvaluator#allows} question each.
 */
final class ReferencePlanVerifier {
  private final PlanVerifier verifier;

  ReferencePlanVerifier(PlanDefaults defaults) {
    this.verifier = new PlanVerifier(defaults);
  }

  VerificationResult verify(AppSegmentation seg, Plan plan) {
    return verifier.verify(seg, plan, ReferencePlanVerifier::pairByPair);
  }

  private static VerificationResult pairByPair(
      Resolved spec, Population population, Cluster cluster) {
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
          boolean actual =
              NetworkPolicyEvaluator.allows(
                  cluster, PlanVerifier.connection(source, destination, probe));
          checked++;
          if (intended != actual) {
            mismatches.add(
                new Mismatch(
                    source.id(),
                    destination.id(),
                    probe.port(),
                    probe.protocol().name(),
                    intended,
                    actual));
          }
        }
      }
    }
    return new VerificationResult(mismatches, List.of(), checked);
  }
}
