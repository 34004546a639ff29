package io.appseg.diff;

import io.appseg.diff.DiffReport.AppChanges;
import io.appseg.diff.DiffReport.Kind;
import io.appseg.diff.DiffReport.PairChange;
import io.appseg.diff.World.Probe;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.Connection;
import io.appseg.netpol.NetworkPolicyEvaluator;
import io.appseg.netpol.Reachability;
import io.appseg.netpol.SideVerdict;
import io.appseg.netpol.Verdict;
import io.appseg.plan.PlanDefaults;
import io.appseg.verify.PlanVerifier;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the connectivity of two versions with the independent evaluator. Both are asked about
 * the same world: the self-check's population of every app on either side (tier pods, peers and
 * their impostors, addresses inside and outside every CIDR) and the context's real pods, on the
 * probes of both. Every pair of ends whose answer differs on some probe is a change; changes are
 * then gathered by the groups of their ends.
 */
public final class ConnectivityDiff {
  private final World world;
  private final Groups groups;
  private final Side base;
  private final Side head;

  /**
   * One version as the evaluator sees it, with its answers per probe (row s holds what s reaches).
   */
  private record Side(Revision version, Cluster cluster, BitSet[][] rows, Provenance provenance) {}

  /** The changes between two groups while they are being collected, by probe position. */
  private static final class Pair {
    final BitSet opened = new BitSet();
    final BitSet closed = new BitSet();
    final Map<Integer, int[]> example = new HashMap<>();
  }

  private ConnectivityDiff(Revision baseRevision, Revision headRevision, Cluster context) {
    PlanVerifier verifier = new PlanVerifier(PlanDefaults.STANDARD);
    WorldBuilder builder = new WorldBuilder().context(context);
    for (Revision v : List.of(baseRevision, headRevision)) {
      builder.context(v.files());
      v.apps().forEach(a -> builder.population(verifier.population(a.segmentation())));
    }
    world = builder.build();
    groups = new Groups(world, List.of(baseRevision, headRevision));
    base = side(baseRevision, context);
    head = side(headRevision, context);
  }

  /**
   * The report for {@code base} to {@code head}, with {@code context} (pods, namespaces, policies)
   * on both.
   */
  public static DiffReport compare(Revision base, Revision head, Cluster context) {
    return new ConnectivityDiff(base, head, context).report();
  }

  private Side side(Revision version, Cluster context) {
    Cluster cluster = world.cluster(overlay(context.policies(), version.policies()));
    Reachability reachability = Reachability.of(cluster, world.ends());
    BitSet[][] rows = new BitSet[world.probes().size()][];
    for (int p = 0; p < rows.length; p++) {
      rows[p] =
          reachability.allowed(world.probes().get(p).port(), world.probes().get(p).protocol());
    }
    return new Side(version, cluster, rows, new Provenance(version));
  }

  /**
   * The context's policies with the version's on top: the same namespace and name replaces, as
   * applying would.
   */
  private static List<NetworkPolicy> overlay(
      List<NetworkPolicy> context, List<NetworkPolicy> version) {
    Map<String, NetworkPolicy> byName = new LinkedHashMap<>();
    context.forEach(p -> byName.put(Provenance.key(p), p));
    version.forEach(p -> byName.put(Provenance.key(p), p));
    return List.copyOf(byName.values());
  }

  private DiffReport report() {
    Map<List<String>, Pair> pairs = collect();
    Map<String, List<PairChange>> byApp = new TreeMap<>();
    pairs.forEach(
        (key, pair) ->
            byApp.computeIfAbsent(key.get(0), a -> new ArrayList<>()).add(change(key, pair)));
    List<AppChanges> apps = new ArrayList<>();
    byApp.forEach((app, changes) -> apps.add(new AppChanges(app, Merging.merge(changes))));
    PolicyChanges.Result policies =
        PolicyChanges.compare(base.version().policies(), head.version().policies());
    return new DiffReport(
        base.version().label(),
        head.version().label(),
        apps,
        policies.changes(),
        policies.reordered());
  }

  /**
   * Every differing (source, destination, probe), keyed by [app, source group, destination group],
   * sorted.
   */
  private Map<List<String>, Pair> collect() {
    Map<List<String>, Pair> pairs = new TreeMap<>(ConnectivityDiff::compareKeys);
    List<Probe> probes = world.probes();
    for (int p = 0; p < probes.size(); p++) {
      BitSet[] before = base.rows()[p];
      BitSet[] after = head.rows()[p];
      for (int s = 0; s < before.length; s++) {
        BitSet differ = (BitSet) before[s].clone();
        differ.xor(after[s]);
        differ.clear(s);
        for (int d = differ.nextSetBit(0); d >= 0; d = differ.nextSetBit(d + 1)) {
          if (world.isPod(s) || world.isPod(d)) {
            Pair pair = pairs.computeIfAbsent(key(s, d), k -> new Pair());
            (after[s].get(d) ? pair.opened : pair.closed).set(p);
            pair.example.putIfAbsent(p, new int[] {s, d});
          }
        }
      }
    }
    return pairs;
  }

  private List<String> key(int source, int destination) {
    List<String> apps =
        groups.apps(source).isEmpty() ? groups.apps(destination) : groups.apps(source);
    return List.of(
        apps.isEmpty() ? "-" : apps.get(0), groups.label(source), groups.label(destination));
  }

  private static int compareKeys(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private PairChange change(List<String> key, Pair pair) {
    int[] any = pair.example.values().iterator().next();
    BitSet before = allowed(base, any);
    BitSet after = allowed(head, any);
    Kind kind = before.isEmpty() ? Kind.OPENED : after.isEmpty() ? Kind.CLOSED : Kind.PORTS_CHANGED;
    String app = key.get(0);
    return new PairChange(
        key.get(1),
        key.get(2),
        kind,
        ports(pair.opened, before),
        ports(pair.closed, after),
        allowedBy(base, pair, pair.closed, app),
        allowedBy(head, pair, pair.opened, app));
  }

  /** The probes on which the side lets the example pair through. */
  private static BitSet allowed(Side side, int[] ends) {
    BitSet out = new BitSet();
    for (int p = 0; p < side.rows().length; p++) {
      out.set(p, side.rows()[p][ends[0]].get(ends[1]));
    }
    return out;
  }

  /**
   * The probes that changed, by name; when they are all the probes but those the other side allows,
   * that is said instead ("every probed port but 8080/TCP"): a default-deny closes everything but
   * the flows.
   */
  private List<String> ports(BitSet changed, BitSet otherSide) {
    BitSet rest = new BitSet();
    rest.set(0, world.probes().size());
    rest.andNot(changed);
    if (rest.isEmpty()) {
      return List.of("every probed port");
    }
    if (rest.equals(otherSide) && changed.cardinality() > rest.cardinality()) {
      return List.of("every probed port but " + String.join(", ", labels(rest)));
    }
    return labels(changed);
  }

  private List<String> labels(BitSet probes) {
    List<String> out = new ArrayList<>();
    probes.stream().forEach(p -> out.add(world.portLabel(world.probes().get(p))));
    return out;
  }

  /** What admits the example connection of each of these probes on this side, each named once. */
  private List<String> allowedBy(Side side, Pair pair, BitSet probes, String app) {
    TreeSet<String> sources = new TreeSet<>();
    probes.stream()
        .forEach(
            p -> {
              int[] ends = pair.example.get(p);
              Probe probe = world.probes().get(p);
              Verdict v =
                  NetworkPolicyEvaluator.evaluate(
                      side.cluster(),
                      Connection.of(
                          world.ends().get(ends[0]),
                          world.ends().get(ends[1]),
                          probe.port(),
                          probe.protocol()));
              sources.addAll(sources(side, v, app));
            });
    return List.copyOf(sources);
  }

  /**
   * The spec parts (or policies) that admit the connection; when no policy isolates either end,
   * that.
   */
  private static List<String> sources(Side side, Verdict v, String app) {
    List<String> out = new ArrayList<>();
    for (SideVerdict half : List.of(v.egress(), v.ingress())) {
      half.admittedBy()
          .forEach(
              ref ->
                  side.provenance()
                      .of(ref)
                      .forEach(
                          s -> out.add(app.endsWith("/" + s.app()) ? s.field() : s.toString())));
    }
    if (out.isEmpty()) {
      out.add("no policy isolates either end");
    }
    return out;
  }
}
