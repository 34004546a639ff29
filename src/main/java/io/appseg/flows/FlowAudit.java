package io.appseg.flows;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Protocol;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.Connection;
import io.appseg.netpol.NetworkPolicyEvaluator;
import io.appseg.netpol.SideVerdict;
import io.appseg.netpol.Verdict;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.plan.Resolved;
import io.appseg.verify.ContextCheck;
import io.appseg.verify.Intent;
import io.appseg.verify.Node;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Observed flows judged against an app's plan in context, as the operator judges it (the plan in
 * place of the app's own policies, with every other NetworkPolicy and ClusterNetworkPolicy): the
 * flows with a tier pod at one end that would be denied, grouped by the pair of ends (tier,
 * workload or address) and port, each with the spec field to change; and the declared flows that no
 * observed flow used. Pure: the cluster and the flows come in, a report goes out.
 */
public final class FlowAudit {
  private static final int EXAMPLES = 3;

  /** Would-be-denied flows between two groups on one port. */
  public record Denied(
      String source,
      String destination,
      int port,
      String protocol,
      long observations,
      int connections,
      String firstSeen,
      String lastSeen,
      List<String> examples,
      List<String> declaredBy,
      List<String> deniedBy,
      String fix) {}

  /**
   * The audit of one app. {@code unlabelled}: observations of {@code otherApps} with an end that is
   * a pod known only by name (no labels in the record, not in the cluster), which no tier's
   * selector can be shown to select: not judged, and said so.
   */
  public record Report(
      String app,
      long judged,
      long otherApps,
      long unlabelled,
      long deniedObservations,
      List<Denied> denied,
      List<String> neverObserved) {
    public boolean clean() {
      return denied.isEmpty();
    }
  }

  private final PlanDefaults defaults;

  public FlowAudit(PlanDefaults defaults) {
    this.defaults = defaults;
  }

  /**
   * {@code log}'s flows judged with {@code plan} in place in {@code context} (which holds the
   * pods).
   */
  public Report audit(AppSegmentation seg, Plan plan, ObservedCluster context, FlowLog log) {
    Resolved spec = Resolved.of(seg, defaults);
    Intent intent = new Intent(spec);
    Cluster cluster =
        context.cluster().withPolicies(ContextCheck.inPlace(plan, context.cluster().policies()));
    Map<String, Builder> groups = new LinkedHashMap<>();
    Set<String> used = new LinkedHashSet<>();
    long judged = 0;
    long others = 0;
    long unlabelled = 0;
    long deniedObservations = 0;
    Set<String> nameOnly = Set.copyOf(context.unlabelled());
    for (FlowLog.Connection c : log.connections()) {
      Node s = context.node(c.source());
      Node d = context.node(c.destination());
      if (!intent.isTierMember(s) && !intent.isTierMember(d)) {
        others += c.count();
        if (nameOnly.contains(c.source().key()) || nameOnly.contains(c.destination().key())) {
          unlabelled += c.count();
        }
        continue;
      }
      judged += c.count();
      Protocol protocol = apiProtocol(c);
      List<String> declared = intent.declaredBy(s, d, c.port(), protocol);
      Connection question =
          Connection.of(
              ObservedCluster.endpoint(s), ObservedCluster.endpoint(d), c.port(), c.protocol());
      if (s.equals(d) || NetworkPolicyEvaluator.allows(cluster, question)) {
        used.addAll(declared);
        continue;
      }
      deniedObservations += c.count();
      String key =
          SpecEnds.group(spec, s, c.source())
              + "|"
              + SpecEnds.group(spec, d, c.destination())
              + "|"
              + c.port()
              + "|"
              + c.protocol();
      groups
          .computeIfAbsent(key, k -> new Builder(spec, intent, s, d, c, declared))
          .add(c, NetworkPolicyEvaluator.evaluate(cluster, question));
    }
    return new Report(
        seg.getMetadata().getNamespace() + "/" + seg.getMetadata().getName(),
        judged,
        others,
        unlabelled,
        deniedObservations,
        groups.values().stream().map(Builder::build).toList(),
        neverObserved(spec, used));
  }

  private static Protocol apiProtocol(FlowLog.Connection c) {
    return Protocol.valueOf(c.protocol().name());
  }

  private static List<String> neverObserved(Resolved spec, Set<String> used) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < spec.flows().size(); i++) {
      String field = "spec.flows[" + i + "]";
      if (!used.contains(field)) {
        out.add(field + " " + SpecEnds.describe(spec.flows().get(i)));
      }
    }
    if (spec.dns() && !used.contains("spec.dns")) {
      out.add("spec.dns");
    }
    if (spec.monitoring() && !used.contains("spec.monitoring")) {
      out.add("spec.monitoring");
    }
    return out;
  }

  /** One group as it fills: counts, times, examples, and what denies it. */
  private static final class Builder {
    private final String source;
    private final String destination;
    private final int port;
    private final String protocol;
    private final List<String> declaredBy;
    private final String fix;
    private long observations;
    private int connections;
    private Instant first;
    private Instant last;
    private final List<String> examples = new ArrayList<>();
    private final Set<String> deniedBy = new LinkedHashSet<>();

    Builder(
        Resolved spec, Intent intent, Node s, Node d, FlowLog.Connection c, List<String> declared) {
      this.source = SpecEnds.group(spec, s, c.source());
      this.destination = SpecEnds.group(spec, d, c.destination());
      this.port = c.port();
      this.protocol = c.protocol().name();
      this.declaredBy = declared;
      this.fix = fix(spec, intent, s, d, c, declared);
    }

    void add(FlowLog.Connection c, Verdict verdict) {
      observations += c.count();
      connections++;
      first = first == null || c.first().isBefore(first) ? c.first() : first;
      last = last == null || c.last().isAfter(last) ? c.last() : last;
      if (examples.size() < EXAMPLES) {
        examples.add(c.source().key() + " -> " + c.destination().key());
      }
      for (SideVerdict side : List.of(verdict.egress(), verdict.ingress())) {
        if (side.allowed()) {
          continue;
        }
        if (side.decidedBy() != null) {
          deniedBy.add(side.decidedBy().toString());
        } else {
          side.policies().forEach(p -> deniedBy.add("NetworkPolicy " + p));
        }
      }
    }

    Denied build() {
      return new Denied(
          source,
          destination,
          port,
          protocol,
          observations,
          connections,
          first.toString(),
          last.toString(),
          List.copyOf(examples),
          declaredBy,
          List.copyOf(deniedBy),
          fix);
    }

    /** The spec change that would admit the flow: the nearest flow to widen, or a flow to add. */
    private static String fix(
        Resolved spec, Intent intent, Node s, Node d, FlowLog.Connection c, List<String> declared) {
      PortSpec portSpec = new PortSpec(new IntOrString(c.port()), null, apiProtocol(c));
      String port = SpecEnds.inline(portSpec);
      if (!declared.isEmpty()) {
        return String.join(", ", declared)
            + " declares it; what denies it is outside the plan (see denied by)";
      }
      List<String> between =
          intent.fieldsBetween(s, d).stream().filter(f -> f.startsWith("spec.flows[")).toList();
      if (!between.isEmpty()) {
        return "add " + port + " to " + between.get(0) + ".ports";
      }
      Flow add =
          new Flow(SpecEnds.endpoint(spec, s), SpecEnds.endpoint(spec, d), List.of(portSpec));
      return "add to spec.flows: " + SpecEnds.inline(add);
    }
  }
}
