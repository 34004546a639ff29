package io.appseg.verify;

import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.Peer;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Protocol;
import io.appseg.api.v1alpha1.Tier;
import io.appseg.kube.LabelSelectors;
import io.appseg.kube.PolicyTypes;
import io.appseg.plan.Resolved;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * What an AppSegmentation means, connection by connection, read from the spec alone.
 *
 * <p>A connection is intended when both of its ends allow it. An end is open in a direction unless
 * that direction is denied by default and the pod is isolated: it belongs to a tier, or (scope
 * Namespace) lives in a namespace holding a tier that is the app's own or accepted the app's
 * namespace-wide default-deny (P5). An isolated end allows only what a grant gives it: each flow
 * grants egress to its source and ingress to its destination (a tier, or pods of one named
 * namespace); DNS grants every tier egress, monitoring every tier ingress on its metrics port. A
 * pods peer's grant leaves out tier pods that also match the peer where the app isolates only its
 * tiers: it isolates them as tier pods, and there a tier pod's traffic is what its tier declares.
 * External addresses are never isolated. A pod matching several tiers gets the union of their
 * grants, as NetworkPolicies do; a pod always reaches itself.
 */
public final class Intent {
  private enum Side {
    INGRESS,
    EGRESS
  }

  /**
   * {@code subject} may talk in direction {@code side} with {@code peer} on {@code ports} (null:
   * all), because of the spec field {@code declaredBy} ({@code spec.flows[i]}, {@code spec.dns},
   * {@code spec.monitoring}).
   */
  private record Grant(
      Side side,
      Predicate<Node> subject,
      Predicate<Node> peer,
      List<PortSpec> ports,
      String declaredBy) {}

  private final Resolved spec;
  private final List<NetworkPolicy> isolatedElsewhere;
  private final List<Predicate<Node>> tierMembers = new ArrayList<>();
  private final List<Grant> grants = new ArrayList<>();

  public Intent(Resolved spec) {
    this(spec, List.of());
  }

  /**
   * The intent where {@code isolatedElsewhere} (others' policies reduced to what they isolate)
   * already isolates some pods: those allow only what the spec grants them, like the app's own.
   */
  Intent(Resolved spec, List<NetworkPolicy> isolatedElsewhere) {
    this.spec = spec;
    this.isolatedElsewhere = isolatedElsewhere;
    spec.tiers().values().forEach(t -> tierMembers.add(Matchers.tier(t, spec)));
    for (int i = 0; i < spec.flows().size(); i++) {
      addFlow(spec.flows().get(i), "spec.flows[" + i + "]");
    }
    for (Tier tier : spec.tiers().values()) {
      Predicate<Node> members = Matchers.tier(tier, spec);
      if (spec.dns()) {
        grants.add(
            new Grant(Side.EGRESS, members, anyOf(spec.dnsPeers()), spec.dnsPorts(), "spec.dns"));
      }
      if (spec.monitoring()) {
        grants.add(
            new Grant(
                Side.INGRESS,
                members,
                anyOf(spec.scrapers()),
                List.of(spec.metricsPort(tier)),
                "spec.monitoring"));
      }
    }
  }

  /**
   * Whether the spec means {@code source} to reach {@code destination} on this port and protocol.
   */
  public boolean allows(Node source, Node destination, int port, Protocol protocol) {
    if (source.equals(destination)) {
      return true;
    }
    return sideAllows(Side.EGRESS, source, destination, destination, port, protocol)
        && sideAllows(Side.INGRESS, destination, source, destination, port, protocol);
  }

  /** Whether {@code n} is a pod of one of the spec's tiers. */
  public boolean isTierMember(Node n) {
    return n.isPod() && tierMembers.stream().anyMatch(m -> m.test(n));
  }

  /** The spec fields whose grants admit this connection on either side, in spec order. */
  public List<String> declaredBy(Node source, Node destination, int port, Protocol protocol) {
    return grants.stream()
        .filter(g -> names(g, source, destination))
        .filter(g -> Matchers.ports(g.ports(), destination, port, protocol))
        .map(Grant::declaredBy)
        .distinct()
        .toList();
  }

  /**
   * The spec fields ({@code spec.flows[i]}, {@code spec.dns}, {@code spec.monitoring}) whose grants
   * name these two ends, whatever the port: where a missing port would go.
   */
  public List<String> fieldsBetween(Node source, Node destination) {
    return grants.stream()
        .filter(g -> names(g, source, destination))
        .map(Grant::declaredBy)
        .distinct()
        .toList();
  }

  /** Whether a grant's subject and peer are these ends, on its side of the connection. */
  private static boolean names(Grant g, Node source, Node destination) {
    return g.side() == Side.EGRESS
        ? g.subject().test(source) && g.peer().test(destination)
        : g.subject().test(destination) && g.peer().test(source);
  }

  /**
   * This intent over {@code nodes} (distinct), answering a whole probe at a time with the same
   * reading as {@link #allows}: isolation and every grant's subjects and peers are decided here
   * once per node.
   */
  IntentTable table(List<Node> nodes) {
    BitSet isolatedEgress = new BitSet(nodes.size());
    BitSet isolatedIngress = new BitSet(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      isolatedEgress.set(i, isolated(Side.EGRESS, nodes.get(i)));
      isolatedIngress.set(i, isolated(Side.INGRESS, nodes.get(i)));
    }
    List<IntentTable.Grant> compiled = new ArrayList<>();
    for (Grant g : grants) {
      compiled.add(
          new IntentTable.Grant(
              g.side() == Side.EGRESS,
              matching(g.subject(), nodes),
              matching(g.peer(), nodes),
              g.ports()));
    }
    return new IntentTable(nodes, isolatedEgress, isolatedIngress, compiled);
  }

  private static BitSet matching(Predicate<Node> predicate, List<Node> nodes) {
    BitSet out = new BitSet(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      out.set(i, predicate.test(nodes.get(i)));
    }
    return out;
  }

  private boolean sideAllows(
      Side side, Node subject, Node peer, Node destination, int port, Protocol protocol) {
    if (!isolated(side, subject)) {
      return true;
    }
    return grants.stream()
        .anyMatch(
            g ->
                g.side() == side
                    && g.subject().test(subject)
                    && g.peer().test(peer)
                    && Matchers.ports(g.ports(), destination, port, protocol));
  }

  private boolean isolated(Side side, Node n) {
    if (!n.isPod()) {
      return false;
    }
    boolean denied = side == Side.INGRESS ? spec.denyIngress() : spec.denyEgress();
    if (!denied) {
      return isolatedElsewhere(side, n);
    }
    return tierMembers.stream().anyMatch(m -> m.test(n))
        || spec.namespaceWideDeny().contains(n.namespace())
        || isolatedElsewhere(side, n);
  }

  private boolean isolatedElsewhere(Side side, Node n) {
    return isolatedElsewhere.stream()
        .filter(p -> p.getMetadata().getNamespace().equals(n.namespace()))
        .filter(
            p ->
                side == Side.EGRESS
                    ? PolicyTypes.isolatesEgress(p.getSpec())
                    : PolicyTypes.isolatesIngress(p.getSpec()))
        .anyMatch(p -> LabelSelectors.matches(p.getSpec().getPodSelector(), n.labels()));
  }

  private void addFlow(Flow f, String declaredBy) {
    Predicate<Node> from = Matchers.endpoint(f.getFrom(), spec);
    Predicate<Node> to = Matchers.endpoint(f.getTo(), spec);
    List<PortSpec> ports = f.getPorts() != null ? f.getPorts() : tierPorts(f.getTo().getTier());
    if (speaksFor(f.getFrom())) {
      grants.add(new Grant(Side.EGRESS, subject(f.getFrom(), from), to, ports, declaredBy));
    }
    if (speaksFor(f.getTo())) {
      grants.add(new Grant(Side.INGRESS, subject(f.getTo(), to), from, ports, declaredBy));
    }
  }

  /**
   * A flow grants its side to a tier, and to a peer made of pods of one named namespace (its
   * podSelector and namespace); addresses, anywhere and namespaceSelector peers are not the app's
   * to speak for.
   */
  private static boolean speaksFor(Endpoint end) {
    return end.getTier() != null || Resolved.isPodsOfOneNamespace(end);
  }

  private Predicate<Node> subject(Endpoint end, Predicate<Node> matching) {
    if (end.getTier() != null) {
      return matching;
    }
    return matching.and(n -> spec.namespaceWideDeny().contains(n.namespace()) || !isTierMember(n));
  }

  /**
   * A flow without ports gets its destination tier's ports; any other destination means all ports.
   */
  private List<PortSpec> tierPorts(String tier) {
    return tier == null ? null : spec.tiers().get(tier).getPorts();
  }

  private Predicate<Node> anyOf(List<Peer> peers) {
    List<Predicate<Node>> matchers =
        peers.stream().map(p -> Matchers.peer(p, spec.segNamespace())).toList();
    return n -> matchers.stream().anyMatch(m -> m.test(n));
  }
}
