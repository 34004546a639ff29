package io.appseg.verify;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.Connection;
import io.appseg.netpol.Endpoint;
import io.appseg.netpol.InvalidInputException;
import io.appseg.netpol.Protocol;
import io.appseg.netpol.Reachability;
import io.appseg.plan.Isolation;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Resolved;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a plan against its AppSegmentation: on a synthesized population ({@link
 * PopulationBuilder}) the independent evaluator's answer for the plan's policies must equal the
 * {@link Intent} for every ordered pair of distinct ends (not both external) on every probe. A
 * witness check, not a proof: it is only as strong as the population, which is built to tell apart
 * the mistakes a planner makes (a missing half, OR-ed selectors, a missing DNS rule, a wider port
 * or protocol, an unrestricted namespace).
 */
public final class PlanVerifier {
  /**
   * The most work one check may take by default, as modelled ends squared times probes (the bitset
   * work of the bulk questions): about a second of one core here. The CRD's bounds on list sizes
   * and on their sums keep every admitted spec under it ({@link WorstCaseSpecs} comes closest, at
   * about 0.6 of it); it stays as the guard for whatever those bounds miss: a plan over it is
   * refused as too complex, not verified for minutes.
   */
  public static final long BUDGET = 1_000_000_000L;

  private final PlanDefaults defaults;
  private final long budget;

  public PlanVerifier(PlanDefaults defaults) {
    this(defaults, BUDGET);
  }

  public PlanVerifier(PlanDefaults defaults, long budget) {
    this.defaults = defaults;
    this.budget = budget;
  }

  /** The modelled population for {@code seg} (also used to draw truth tables). */
  public Population population(AppSegmentation seg) {
    return new PopulationBuilder(Resolved.of(seg, defaults)).build();
  }

  /** The population {@link #verify} asks about: its classes split at the plan's edges too. */
  public Population population(AppSegmentation seg, Plan plan) {
    return new PopulationBuilder(Resolved.of(seg, defaults), plan.policies()).build();
  }

  public VerificationResult verify(AppSegmentation seg, Plan plan) {
    return verify(seg, plan, Isolation.NONE);
  }

  /**
   * The plan checked where it will be in force: among {@code isolation}'s policies (what others
   * isolate, without their rules), which the intent reads too.
   */
  public VerificationResult verify(AppSegmentation seg, Plan plan, Isolation isolation) {
    return verify(
        seg,
        plan,
        isolation,
        (spec, population, cluster) ->
            compare(
                population,
                new Intent(spec, inPopulation(isolation, population, plan))
                    .table(population.nodes()),
                bulk(cluster, population)));
  }

  /**
   * How the questions are asked once the population and its cluster exist (the tests keep a
   * pair-by-pair one).
   */
  interface Questioning {
    VerificationResult ask(Resolved spec, Population population, Cluster cluster);
  }

  /** The population for {@code seg} with the plan's policies, questioned by {@code questioning}. */
  VerificationResult verify(AppSegmentation seg, Plan plan, Questioning questioning) {
    return verify(seg, plan, Isolation.NONE, questioning);
  }

  private VerificationResult verify(
      AppSegmentation seg, Plan plan, Isolation isolation, Questioning questioning) {
    Resolved spec = Resolved.of(seg, defaults, plan.namespaceDenyAccepted());
    Population population = new PopulationBuilder(spec, plan.policies()).build();
    long ends = population.nodes().size();
    long work = ends * ends * population.probes().size();
    if (work > budget) {
      return VerificationResult.tooComplex(
          String.format(
              "the spec is too complex to verify: %d modelled ends x %d port classes need %,d"
                  + " checks, at most %,d are allowed; use fewer distinct cidr and except blocks,"
                  + " port ranges and pod peers",
              ends, population.probes().size(), work, budget));
    }
    Cluster cluster;
    try {
      List<NetworkPolicy> policies = new ArrayList<>(plan.policies());
      policies.addAll(inPopulation(isolation, population, plan));
      cluster = population.cluster(policies);
    } catch (InvalidInputException e) {
      return new VerificationResult(
          List.of(), List.of("the plan is not valid: " + e.getMessage()), 0);
    }
    return questioning.ask(spec, population, cluster);
  }

  /**
   * Asks both sides about every probe in bulk and reports the pairs where they differ, with the
   * number of questions asked.
   */
  private static VerificationResult compare(
      Population population, IntentTable intent, Reachability evaluator) {
    List<Node> nodes = population.nodes();
    List<Probe> probes = List.copyOf(population.probes());
    List<Mismatch> mismatches = new ArrayList<>();
    for (Disagreement f : disagreements(population, intent, evaluator)) {
      Probe probe = probes.get(f.probe());
      mismatches.add(
          new Mismatch(
              nodes.get(f.source()).id(),
              nodes.get(f.destination()).id(),
              probe.port(),
              probe.protocol().name(),
              f.intended(),
              !f.intended()));
    }
    long addresses = nodes.stream().filter(n -> !n.isPod()).count();
    long pairs = (long) nodes.size() * (nodes.size() - 1) - addresses * (addresses - 1);
    return new VerificationResult(mismatches, List.of(), pairs * probes.size());
  }

  /**
   * The pairs where the intent and the evaluator differ, by position in the population's nodes and
   * probes, in the order of the straightforward loop: source, then destination, then probe. Each
   * side answers a whole probe at a time. Pairs of two external addresses are not asked (no policy
   * governs them), nor is an end asked about itself.
   */
  static List<Disagreement> disagreements(
      Population population, IntentTable intent, Reachability evaluator) {
    List<Node> nodes = population.nodes();
    List<Probe> probes = List.copyOf(population.probes());
    BitSet pods = new BitSet(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      pods.set(i, nodes.get(i).isPod());
    }
    List<Disagreement> found = new ArrayList<>();
    // Three matrices for every probe, refilled: allocating them per probe cost more than asking.
    BitSet[] intended = intent.rows();
    BitSet[] scratch = intent.rows();
    BitSet[] actual = intent.rows();
    for (int p = 0; p < probes.size(); p++) {
      Probe probe = probes.get(p);
      intent.allowed(probe.port(), probe.protocol(), intended, scratch);
      evaluator.allowed(probe.port(), Protocol.valueOf(probe.protocol().name()), actual);
      for (int s = 0; s < nodes.size(); s++) {
        BitSet differ =
            intended[s]; // refilled for each probe: turned into the differences in place
        differ.xor(actual[s]);
        differ.clear(s);
        if (!pods.get(s)) {
          differ.and(pods); // an address is only asked about pods
        }
        for (int d = differ.nextSetBit(0); d >= 0; d = differ.nextSetBit(d + 1)) {
          found.add(new Disagreement(s, d, p, !actual[s].get(d)));
        }
      }
    }
    Collections.sort(found);
    return found;
  }

  /** A mismatch by positions, ordered as the pair-by-pair loop reports them. */
  record Disagreement(int source, int destination, int probe, boolean intended)
      implements Comparable<Disagreement> {
    private static final Comparator<Disagreement> ORDER =
        Comparator.comparingInt(Disagreement::source)
            .thenComparingInt(Disagreement::destination)
            .thenComparingInt(Disagreement::probe);

    @Override
    public int compareTo(Disagreement o) {
      return ORDER.compare(this, o);
    }
  }

  /**
   * The isolating policies of the namespaces the population models (the others cannot matter), but
   * those holding a name of the plan: the plan replaces them, or stops at the conflict.
   */
  private static List<NetworkPolicy> inPopulation(
      Isolation isolation, Population population, Plan plan) {
    Set<String> planned =
        plan.policies().stream()
            .map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())
            .collect(Collectors.toSet());
    return isolation.policies().stream()
        .filter(p -> population.namespaces().containsKey(p.getMetadata().getNamespace()))
        .filter(
            p ->
                !planned.contains(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()))
        .toList();
  }

  /** The evaluator's bulk answers over the population's nodes. */
  static Reachability bulk(Cluster cluster, Population population) {
    return Reachability.of(
        cluster, population.nodes().stream().map(PlanVerifier::endpoint).toList());
  }

  static Connection connection(Node source, Node destination, Probe probe) {
    return Connection.of(
        endpoint(source),
        endpoint(destination),
        probe.port(),
        Protocol.valueOf(probe.protocol().name()));
  }

  static Endpoint endpoint(Node n) {
    return n.isPod() ? Endpoint.pod(n.namespace(), n.name()) : Endpoint.ip(n.ip());
  }
}
