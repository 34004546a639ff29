package io.appseg.verify;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.Connection;
import io.appseg.netpol.Endpoint;
import io.appseg.netpol.InvalidInputException;
import io.appseg.netpol.NetworkPolicyEvaluator;
import io.appseg.netpol.Protocol;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a plan against its AppSegmentation: on a synthesized population ({@link PopulationBuilder}) the
 * independent evaluator's answer for the plan's policies must equal the {@link Intent} for every ordered pair of
 * distinct ends (not both external) on every probe. A witness check, not a proof: it is only as strong as the
 * population, which is built to tell apart the mistakes a planner makes (a missing half, OR-ed selectors,
 * a missing DNS rule, a wider port or protocol, an unrestricted namespace).
 */
public final class PlanVerifier {
  private final PlanDefaults defaults;

  public PlanVerifier(PlanDefaults defaults) {
    this.defaults = defaults;
  }

  /** The modelled population for {@code seg} (also used to draw truth tables). */
  public Population population(AppSegmentation seg) {
    return new PopulationBuilder(SpecFacts.of(seg, defaults)).build();
  }

  public VerificationResult verify(AppSegmentation seg, Plan plan) {
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
          boolean actual = NetworkPolicyEvaluator.allows(cluster, connection(source, destination, probe));
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

  static Connection connection(Node source, Node destination, Probe probe) {
    return Connection.of(endpoint(source), endpoint(destination), probe.port(), Protocol.valueOf(probe.protocol().name()));
  }

  static Endpoint endpoint(Node n) {
    return n.isPod() ? Endpoint.pod(n.namespace(), n.name()) : Endpoint.ip(n.ip());
  }
}
