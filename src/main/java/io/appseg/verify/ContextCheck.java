package io.appseg.verify;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.Connection;
import io.appseg.netpol.NamespaceInfo;
import io.appseg.netpol.NetworkPolicyEvaluator;
import io.appseg.netpol.PolicyRef;
import io.appseg.netpol.Protocol;
import io.appseg.netpol.Reachability;
import io.appseg.netpol.RuleRef;
import io.appseg.netpol.SideVerdict;
import io.appseg.netpol.Verdict;
import io.appseg.plan.Labels;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Resolved;
import io.appseg.verify.PlanVerifier.Disagreement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An app judged in the cluster as it is (exact in context): its plan together with every other
 * NetworkPolicy of the context (other apps', hand-written) and its ClusterNetworkPolicies, over the
 * app's modelled population. Where the combined answer differs from the app's intent, the gap names
 * the connection, the spec field that declares it (for a declared connection that is denied) and
 * the objects responsible. Only connections with a tier pod at one end are judged: the app answers
 * for its own pods, not for its neighbours'.
 */
public final class ContextCheck {
  private final PlanDefaults defaults;

  public ContextCheck(PlanDefaults defaults) {
    this.defaults = defaults;
  }

  public enum Kind {
    /**
     * Declared (a flow, DNS or monitoring) but denied by something in the cluster. A connection the
     * spec merely leaves unrestricted (neither end isolated that way) is not declared, so it is
     * never denied.
     */
    DENIED,
    /** Not declared, but allowed by something in the cluster. */
    EXPOSED
  }

  /**
   * One gap: the connection, the spec fields declaring it (empty when exposed), the objects
   * responsible.
   */
  public record Gap(
      Kind kind,
      String source,
      String destination,
      int port,
      String protocol,
      List<String> declaredBy,
      List<String> responsible) {
    /** {@code source -> destination:port/protocol}. */
    public String connection() {
      return source + " -> " + destination + ":" + port + "/" + protocol;
    }

    @Override
    public String toString() {
      String what = connection();
      return kind == Kind.DENIED
          ? String.join(", ", declaredBy)
              + " "
              + what
              + " is denied by "
              + String.join(", ", responsible)
          : what + " is not declared but allowed by " + String.join(", ", responsible);
    }
  }

  /**
   * The namespaces whose policies and labels the check reads for {@code seg}: those of its tiers
   * and peers (DNS and scrapers included). A caller holding a whole cluster passes only these, and
   * re-judges an app when one of them changes.
   */
  public Set<String> namespaces(AppSegmentation seg) {
    return new LinkedHashSet<>(new PopulationBuilder(Resolved.of(seg, defaults)).namespaces());
  }

  /**
   * A declared connection whose verdict would change if the plan replaced what the app has in the
   * cluster now (nothing, or an earlier generation's policies): {@code allowedNow} says which way.
   */
  public record Flip(
      String source,
      String destination,
      int port,
      String protocol,
      boolean allowedNow,
      List<String> declaredBy) {
    public String connection() {
      return source + " -> " + destination + ":" + port + "/" + protocol;
    }
  }

  /**
   * What enforcing the plan would change for the app's connections: the declared ones that would
   * flip, and how many undeclared ones allowed now would be denied.
   */
  public record Changes(List<Flip> flips, int undeclaredCut) {}

  /**
   * Audit's view of enforcing: {@code context} as it is now (the app's own policies, if any,
   * included) against the same with the plan in place of them, over the app's modelled population.
   */
  public Changes changes(AppSegmentation seg, Plan plan, Cluster context) {
    Resolved spec = Resolved.of(seg, defaults, plan.namespaceDenyAccepted());
    List<NetworkPolicy> enforced = inPlace(plan, context.shared());
    List<NetworkPolicy> asIs = context.shared();
    List<NetworkPolicy> both = new ArrayList<>(enforced);
    both.addAll(asIs);
    Population population = new PopulationBuilder(spec, both).build();
    Intent intent = new Intent(spec);
    Cluster after = combined(population, enforced, context);
    Cluster now = combined(population, asIs, context);
    List<Node> nodes = population.nodes();
    List<Probe> probes = List.copyOf(population.probes());
    List<Flip> flips = new ArrayList<>();
    int cut = 0;
    for (Disagreement x : differences(population, now, after)) {
      Node s = nodes.get(x.source());
      Node d = nodes.get(x.destination());
      if (!judged(intent, s, d)) {
        continue;
      }
      Probe probe = probes.get(x.probe());
      boolean before = !x.intended();
      // Declared means what the intent allows because of a declaration: "anywhere" names a pod
      // whose egress the app's own default-deny denies, and that connection is no declared one.
      List<String> declared =
          intent.allows(s, d, probe.port(), probe.protocol())
              ? intent.declaredBy(s, d, probe.port(), probe.protocol())
              : List.of();
      if (!declared.isEmpty()) {
        flips.add(
            new Flip(s.id(), d.id(), probe.port(), probe.protocol().name(), before, declared));
      } else if (before) {
        cut++;
      }
    }
    return new Changes(flips, cut);
  }

  /**
   * Where {@code now} and {@code after} answer differently, in source, destination, probe order
   * ({@code intended}: allowed in {@code after}): in bulk without ClusterNetworkPolicies, pair by
   * pair with them, as {@link #check} asks.
   */
  private static List<Disagreement> differences(Population population, Cluster now, Cluster after) {
    List<Node> nodes = population.nodes();
    List<Probe> probes = List.copyOf(population.probes());
    List<Disagreement> found = new ArrayList<>();
    if (!now.clusterPolicies().isEmpty()) {
      for (int s = 0; s < nodes.size(); s++) {
        for (int d = 0; d < nodes.size(); d++) {
          for (int p = 0; p < probes.size(); p++) {
            Connection c = PlanVerifier.connection(nodes.get(s), nodes.get(d), probes.get(p));
            boolean then = NetworkPolicyEvaluator.allows(after, c);
            if (s != d && NetworkPolicyEvaluator.allows(now, c) != then) {
              found.add(new Disagreement(s, d, p, then));
            }
          }
        }
      }
      return found;
    }
    Reachability before = PlanVerifier.bulk(now, population);
    Reachability then = PlanVerifier.bulk(after, population);
    for (int p = 0; p < probes.size(); p++) {
      Protocol protocol = Protocol.valueOf(probes.get(p).protocol().name());
      BitSet[] was = before.allowed(probes.get(p).port(), protocol);
      BitSet[] will = then.allowed(probes.get(p).port(), protocol);
      for (int s = 0; s < nodes.size(); s++) {
        BitSet differ = (BitSet) was[s].clone();
        differ.xor(will[s]);
        differ.clear(s);
        for (int d = differ.nextSetBit(0); d >= 0; d = differ.nextSetBit(d + 1)) {
          found.add(new Disagreement(s, d, p, will[s].get(d)));
        }
      }
    }
    Collections.sort(found);
    return found;
  }

  /**
   * The gaps of {@code seg}'s plan in {@code context}, in source, destination, probe order. Without
   * ClusterNetworkPolicies both sides answer in bulk and only the pairs that differ are judged one
   * by one; with them (which the bulk answer does not cover) every pair is.
   */
  public List<Gap> check(AppSegmentation seg, Plan plan, Cluster context) {
    Resolved spec = Resolved.of(seg, defaults, plan.namespaceDenyAccepted());
    Set<PolicyRef> ours = new LinkedHashSet<>();
    plan.policies().forEach(p -> ours.add(ref(p)));
    List<NetworkPolicy> policies = inPlace(plan, context.shared());
    Population population = new PopulationBuilder(spec, policies).build();
    Intent intent = new Intent(spec);
    Cluster cluster = combined(population, policies, context);
    List<Node> nodes = population.nodes();
    List<Probe> probes = List.copyOf(population.probes());
    List<Gap> gaps = new ArrayList<>();
    if (cluster.clusterPolicies().isEmpty()) {
      IntentTable table = intent.table(nodes);
      for (Disagreement x :
          PlanVerifier.disagreements(population, table, PlanVerifier.bulk(cluster, population))) {
        Node s = nodes.get(x.source());
        Node d = nodes.get(x.destination());
        if (intent.isTierMember(s) || intent.isTierMember(d)) {
          judge(intent, cluster, ours, s, d, probes.get(x.probe())).ifPresent(gaps::add);
        }
      }
      return gaps;
    }
    for (Node s : nodes) {
      for (Node d : nodes) {
        if (!judged(intent, s, d)) {
          continue;
        }
        for (Probe probe : probes) {
          judge(intent, cluster, ours, s, d, probe).ifPresent(gaps::add);
        }
      }
    }
    return gaps;
  }

  /** Only connections with a tier pod at one end: the app answers for its own pods. */
  private static boolean judged(Intent intent, Node s, Node d) {
    return !s.equals(d)
        && (intent.isTierMember(s) || intent.isTierMember(d))
        && (s.isPod() || d.isPod());
  }

  private static Optional<Gap> judge(
      Intent intent, Cluster cluster, Set<PolicyRef> ours, Node s, Node d, Probe probe) {
    boolean intended = intent.allows(s, d, probe.port(), probe.protocol());
    Connection connection = PlanVerifier.connection(s, d, probe);
    if (NetworkPolicyEvaluator.allows(cluster, connection) == intended) {
      return Optional.empty();
    }
    List<String> declared =
        intended ? intent.declaredBy(s, d, probe.port(), probe.protocol()) : List.of();
    if (intended && declared.isEmpty()) {
      // Intended only because the spec isolates neither end that way: it declares nothing about the
      // connection,
      // so what other policies decide there is not the app's gap.
      return Optional.empty();
    }
    Verdict verdict = NetworkPolicyEvaluator.evaluate(cluster, connection);
    Kind kind = intended ? Kind.DENIED : Kind.EXPOSED;
    return Optional.of(
        new Gap(
            kind,
            s.id(),
            d.id(),
            probe.port(),
            probe.protocol().name(),
            declared,
            responsible(verdict, kind, ours)));
  }

  /** For a denial, what denies on each denying side; for an exposure, what admits on each side. */
  private static List<String> responsible(Verdict verdict, Kind kind, Set<PolicyRef> ours) {
    Set<String> found = new LinkedHashSet<>();
    for (SideVerdict side : List.of(verdict.egress(), verdict.ingress())) {
      if (kind == Kind.DENIED && side.allowed()
          || kind == Kind.EXPOSED && !side.isolated() && side.decidedBy() == null) {
        continue;
      }
      if (side.decidedBy() != null) {
        found.add(side.decidedBy().toString());
      } else if (kind == Kind.DENIED) {
        side.policies().stream()
            .filter(p -> !ours.contains(p))
            .forEach(p -> found.add("NetworkPolicy " + p));
      } else {
        side.admittedBy().stream()
            .map(RuleRef::policy)
            .filter(p -> !ours.contains(p))
            .forEach(p -> found.add("NetworkPolicy " + p));
      }
    }
    return List.copyOf(found);
  }

  /**
   * The population's pods in the context's namespaces (their real labels, plus those the model
   * needs), with {@code policies} and the context's cluster policies. The snapshot holds the
   * policies themselves, not copies: it lives for one judgement, which only reads them.
   */
  private static Cluster combined(
      Population population, List<NetworkPolicy> policies, Cluster context) {
    Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    population
        .namespaces()
        .forEach(
            (ns, l) -> {
              Map<String, String> merged =
                  new LinkedHashMap<>(
                      context.namespace(ns).map(NamespaceInfo::labels).orElse(Map.of()));
              merged.putAll(l);
              labels.put(ns, merged);
            });
    List<NamespaceInfo> namespaces =
        labels.entrySet().stream().map(e -> new NamespaceInfo(e.getKey(), e.getValue())).toList();
    return population.sharing(namespaces, policies).withClusterPolicies(context.clusterPolicies());
  }

  /**
   * The policies in force once {@code plan} is applied, as the operator applies it: the plan's, and
   * every other policy of {@code context} except those of the same names and those the app owns but
   * no longer plans (they are pruned).
   */
  public static List<NetworkPolicy> inPlace(Plan plan, List<NetworkPolicy> context) {
    Set<PolicyRef> ours = new LinkedHashSet<>();
    plan.policies().forEach(p -> ours.add(ref(p)));
    List<NetworkPolicy> policies = new ArrayList<>(plan.policies());
    for (NetworkPolicy p : context) {
      if (!ours.contains(ref(p)) && !ownedBy(p, plan)) {
        policies.add(p);
      }
    }
    return policies;
  }

  private static boolean ownedBy(NetworkPolicy p, Plan plan) {
    Map<String, String> l =
        p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
    return plan.segName().equals(l.get(Labels.SEGMENTATION))
        && plan.segNamespace().equals(l.get(Labels.SEGMENTATION_NAMESPACE));
  }

  private static PolicyRef ref(NetworkPolicy p) {
    return new PolicyRef(p.getMetadata().getNamespace(), p.getMetadata().getName());
  }
}
