package io.appseg.netpol;

import inet.ipaddr.IPAddress;
import io.appseg.kube.Ip;
import io.appseg.netpol.ClusterPolicy.Action;
import io.appseg.netpol.ClusterPolicy.Tier;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers "is this connection allowed?" from the NetworkPolicy semantics alone (see package docs).
 * Stateless; everything reusable is cached in the {@link Cluster}.
 */
public final class NetworkPolicyEvaluator {
  private NetworkPolicyEvaluator() {}

  /**
   * Evaluates one connection with a full explanation.
   *
   * @throws IllegalArgumentException for an unknown pod, or a named port the destination pod does
   *     not have
   */
  public static Verdict evaluate(Cluster cluster, Connection connection) {
    Question q = Question.resolve(cluster, connection);
    SideVerdict egress = explain(cluster, q, Direction.EGRESS);
    SideVerdict ingress = explain(cluster, q, Direction.INGRESS);
    List<Caveat> caveats = caveats(cluster, q);
    boolean allowed = caveats.contains(Caveat.LOOPBACK) || egress.allowed() && ingress.allowed();
    Decision decision = allowed ? Decision.ALLOWED : Decision.DENIED;
    String summary =
        decision
            + " "
            + connection
            + ": "
            + egress.explanation()
            + "; "
            + ingress.explanation()
            + caveats.stream().map(c -> "; note: " + c.description()).collect(Collectors.joining());
    return new Verdict(connection, decision, egress, ingress, caveats, summary);
  }

  /** The decision of {@link #evaluate} without building an explanation. */
  public static boolean allows(Cluster cluster, Connection connection) {
    return allows(cluster, Question.resolve(cluster, connection));
  }

  /** Every pod of the cluster to every pod; see {@link #matrix(Cluster, List, Port, Protocol)}. */
  public static Matrix matrix(Cluster cluster, Port port, Protocol protocol) {
    return matrix(cluster, cluster.pods().stream().map(PodInfo::endpoint).toList(), port, protocol);
  }

  /**
   * {@code allowed[i][j]}: may {@code pods[i]} connect to {@code pods[j]}? The diagonal is reported
   * allowed (R17). With a named port, a destination without that port (for this protocol) gets a
   * column of false and a note.
   */
  public static Matrix matrix(Cluster cluster, List<Endpoint> pods, Port port, Protocol protocol) {
    if (pods.stream().anyMatch(e -> !e.isPod())) {
      throw new IllegalArgumentException("a matrix is pods x pods; ask evaluate() about addresses");
    }
    if (!port.isNamed() && cluster.clusterPolicies().isEmpty()) {
      return numericMatrix(cluster, pods, port, protocol);
    }
    int[] idx = pods.stream().mapToInt(e -> Question.podIndex(cluster, e)).toArray();
    boolean[][] allowed = new boolean[idx.length][idx.length];
    List<String> notes = new ArrayList<>();
    for (int j = 0; j < idx.length; j++) {
      PodInfo dst = cluster.pods().get(idx[j]);
      Integer number =
          !port.isNamed()
              ? port.number()
              : dst.port(port.name())
                  .filter(p -> p.protocol() == protocol)
                  .map(PodPort::port)
                  .orElse(null);
      if (number == null) {
        notes.add(dst + " has no " + protocol + " container port named '" + port.name() + "'");
        continue;
      }
      for (int i = 0; i < idx.length; i++) {
        Connection c = new Connection(pods.get(i), pods.get(j), port, protocol);
        allowed[i][j] =
            allows(cluster, new Question(c, idx[i], null, idx[j], null, dst, number, false, false));
      }
    }
    return new Matrix(pods, port, protocol, allowed, notes);
  }

  /**
   * A numbered port means the same for every destination, so the bulk {@link Reachability} answers
   * it.
   */
  private static Matrix numericMatrix(
      Cluster cluster, List<Endpoint> pods, Port port, Protocol protocol) {
    BitSet[] rows = Reachability.of(cluster, pods).allowed(port.number(), protocol);
    boolean[][] allowed = new boolean[pods.size()][pods.size()];
    for (int i = 0; i < rows.length; i++) {
      for (int j = rows[i].nextSetBit(0); j >= 0; j = rows[i].nextSetBit(j + 1)) {
        allowed[i][j] = true;
      }
    }
    return new Matrix(pods, port, protocol, allowed, List.of());
  }

  private static boolean allows(Cluster cluster, Question q) {
    boolean loopback = q.source() >= 0 && q.source() == q.destination();
    return loopback
        || sideAllows(cluster, q, Direction.EGRESS) && sideAllows(cluster, q, Direction.INGRESS);
  }

  /**
   * C01: the Admin tier of ClusterNetworkPolicies first (Accept and Deny are final, Pass hands
   * over), then NetworkPolicies for a subject they isolate, then the Baseline tier, then allowed.
   */
  private static boolean sideAllows(Cluster cluster, Question q, Direction side) {
    int subject = q.subjectFor(side);
    if (subject < 0) {
      return true;
    }
    Optional<ClusterRuleRef> admin = decided(cluster, Tier.Admin, side, q);
    if (admin.isPresent()) {
      return admin.get().action() == Action.Accept;
    }
    PolicyIndex index = cluster.index();
    if (index.policies(side, subject).isEmpty()) {
      return decided(cluster, Tier.Baseline, side, q)
          .map(r -> r.action() == Action.Accept)
          .orElse(true);
    }
    if (q.nodeLocalFor(side)) {
      return true;
    }
    CompiledRule.Peer peer = q.peerFor(side);
    Protocol protocol = q.connection().protocol();
    for (CompiledRule rule : index.rules(side, subject)) {
      if (rule.admits(peer, q.port(), protocol, q.destinationPod()) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * A final decision of a ClusterNetworkPolicy tier; a Pass rule hands over to the next tier (C03).
   */
  private static Optional<ClusterRuleRef> decided(
      Cluster cluster, Tier tier, Direction side, Question q) {
    if (cluster.clusterPolicies().isEmpty()) {
      return Optional.empty();
    }
    return cluster.clusterIndex().decide(tier, side, q).filter(r -> r.action() != Action.Pass);
  }

  private static SideVerdict explain(Cluster cluster, Question q, Direction side) {
    Endpoint subject =
        side == Direction.EGRESS ? q.connection().source() : q.connection().destination();
    String what = side.field() + " of " + subject;
    int pod = q.subjectFor(side);
    if (pod < 0) {
      return new SideVerdict(
          side,
          subject,
          false,
          List.of(),
          List.of(),
          true,
          what + " allowed: an external address is governed by no NetworkPolicy",
          null);
    }
    List<PolicyRef> policies = cluster.index().policies(side, pod);
    Optional<ClusterRuleRef> admin = decided(cluster, Tier.Admin, side, q);
    if (admin.isPresent()) {
      return byClusterPolicy(side, subject, policies, what, admin.get());
    }
    if (policies.isEmpty()) {
      Optional<ClusterRuleRef> baseline = decided(cluster, Tier.Baseline, side, q);
      return baseline
          .map(r -> byClusterPolicy(side, subject, policies, what, r))
          .orElseGet(
              () ->
                  new SideVerdict(
                      side,
                      subject,
                      false,
                      policies,
                      List.of(),
                      true,
                      what
                          + " allowed: not isolated (no policy of namespace "
                          + subject.namespace()
                          + " selects it for "
                          + side.policyType()
                          + ")",
                      null));
    }
    List<RuleRef> admitted = new ArrayList<>();
    CompiledRule.Peer peer = q.peerFor(side);
    for (CompiledRule rule : cluster.index().rules(side, pod)) {
      RuleRef ref = rule.admits(peer, q.port(), q.connection().protocol(), q.destinationPod());
      if (ref != null) {
        admitted.add(ref);
      }
    }
    boolean nodeLocal = q.nodeLocalFor(side);
    String isolated = what + " isolated by " + policies;
    String verdict =
        !admitted.isEmpty()
            ? " allowed by " + admitted
            : nodeLocal
                ? " allowed: the other end is its node" // R19
                : " denied: no rule admits it";
    return new SideVerdict(
        side,
        subject,
        true,
        policies,
        admitted,
        !admitted.isEmpty() || nodeLocal,
        isolated + ";" + verdict,
        null);
  }

  private static SideVerdict byClusterPolicy(
      Direction side,
      Endpoint subject,
      List<PolicyRef> policies,
      String what,
      ClusterRuleRef rule) {
    boolean allowed = rule.action() == Action.Accept;
    return new SideVerdict(
        side,
        subject,
        !policies.isEmpty(),
        policies,
        List.of(),
        allowed,
        what + (allowed ? " allowed" : " denied") + " by " + rule,
        rule);
  }

  private static List<Caveat> caveats(Cluster cluster, Question q) {
    Set<Caveat> caveats = EnumSet.noneOf(Caveat.class);
    if (q.source() >= 0 && q.source() == q.destination()) {
      caveats.add(Caveat.LOOPBACK);
    }
    if (isHostNetwork(cluster, q.source()) || isHostNetwork(cluster, q.destination())) {
      caveats.add(Caveat.HOST_NETWORK);
    }
    if (q.sourceIsDestinationNode() || q.destinationIsSourceNode()) {
      caveats.add(Caveat.NODE_LOCAL);
    }
    if (isPodIp(cluster, q.sourceIp()) || isPodIp(cluster, q.destinationIp())) {
      caveats.add(Caveat.IP_OF_POD);
    }
    return List.copyOf(caveats);
  }

  private static boolean isHostNetwork(Cluster cluster, int pod) {
    return pod >= 0 && cluster.pods().get(pod).hostNetwork();
  }

  private static boolean isPodIp(Cluster cluster, IPAddress ip) {
    return ip != null
        && cluster.pods().stream()
            .flatMap(p -> p.ips().stream())
            .anyMatch(podIp -> Ip.address(podIp).equals(ip));
  }
}
