package io.appseg.netpol;

import io.appseg.kube.Ip;
import io.appseg.kube.LabelSelectors;
import io.appseg.netpol.ClusterPolicy.Action;
import io.appseg.netpol.ClusterPolicy.Peer;
import io.appseg.netpol.ClusterPolicy.PodSet;
import io.appseg.netpol.ClusterPolicy.PortMatch;
import io.appseg.netpol.ClusterPolicy.Rule;
import io.appseg.netpol.ClusterPolicy.Tier;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per tier, direction and pod: the ClusterNetworkPolicy rules that apply, in the order they are
 * judged (lower priority first, then by name so that equal priorities, which the API leaves to the
 * implementation, still give one answer; then rule order). The first rule whose peers and ports
 * match decides (C06, C07).
 */
final class ClusterPolicyIndex {
  /** A compiled rule: the match reuses NetworkPolicy's peer and port matching. */
  private record Entry(ClusterRuleRef ref, CompiledRule match) {}

  private final Map<Tier, Map<Direction, List<List<Entry>>>> entries = new EnumMap<>(Tier.class);

  private ClusterPolicyIndex(int pods) {
    for (Tier t : Tier.values()) {
      Map<Direction, List<List<Entry>>> byDirection = new EnumMap<>(Direction.class);
      for (Direction d : Direction.values()) {
        List<List<Entry>> perPod = new ArrayList<>();
        for (int i = 0; i < pods; i++) {
          perPod.add(new ArrayList<>());
        }
        byDirection.put(d, perPod);
      }
      entries.put(t, byDirection);
    }
  }

  static ClusterPolicyIndex build(Cluster cluster) {
    ClusterPolicyIndex index = new ClusterPolicyIndex(cluster.pods().size());
    cluster.clusterPolicies().stream()
        .sorted(Comparator.comparingInt(ClusterPolicy::priority).thenComparing(ClusterPolicy::name))
        .forEach(p -> index.add(cluster, p));
    return index;
  }

  /** The first rule of this tier that matches the question on this side, if any. */
  Optional<ClusterRuleRef> decide(Tier tier, Direction side, Question q) {
    int subject = q.subjectFor(side);
    if (subject < 0) {
      return Optional.empty();
    }
    CompiledRule.Peer peer = q.peerFor(side);
    for (Entry e : entries.get(tier).get(side).get(subject)) {
      if (e.match().admits(peer, q.port(), q.connection().protocol(), q.destinationPod()) != null) {
        return Optional.of(e.ref());
      }
    }
    return Optional.empty();
  }

  private void add(Cluster cluster, ClusterPolicy policy) {
    BitSet subjects = pods(cluster, policy.subject());
    add(cluster, policy, Direction.INGRESS, policy.ingress(), subjects);
    add(cluster, policy, Direction.EGRESS, policy.egress(), subjects);
  }

  private void add(
      Cluster cluster, ClusterPolicy policy, Direction d, List<Rule> rules, BitSet subjects) {
    List<Entry> compiled = new ArrayList<>();
    for (Rule r : rules) {
      ClusterRuleRef ref =
          new ClusterRuleRef(
              policy.name(), policy.tier(), policy.priority(), d, r.index(), r.name(), r.action());
      PolicyRef owner = new PolicyRef("", policy.name());
      List<CompiledPeer> peers = r.peers().stream().map(p -> peer(cluster, p, r.action())).toList();
      List<CompiledPort> ports = r.protocols().stream().map(ClusterPolicyIndex::port).toList();
      compiled.add(new Entry(ref, new CompiledRule(owner, d, r.index(), peers, ports)));
    }
    subjects.stream().forEach(pod -> entries.get(policy.tier()).get(d).get(pod).addAll(compiled));
  }

  /**
   * C09: namespaces and pods peers select pods; networks match addresses and pod IPs alike. C12: a
   * peer the evaluator cannot see matches nothing for Accept and everything for Deny and Pass (fail
   * closed).
   */
  private static CompiledPeer peer(Cluster cluster, Peer peer, Action action) {
    if (peer.pods() != null) {
      return CompiledPeer.selector(pods(cluster, peer.pods()));
    }
    if (!peer.networks().isEmpty()) {
      return CompiledPeer.anyBlock(peer.networks().stream().map(Ip::block).toList(), cluster);
    }
    boolean everything = action != Action.Accept && peer.unmodelled().equals("(none)");
    return everything
        ? CompiledPeer.everything(cluster.pods().size())
        : CompiledPeer.selector(new BitSet());
  }

  private static CompiledPort port(PortMatch p) {
    return new CompiledPort(p.protocol(), p.first(), p.last(), p.namedPort());
  }

  /**
   * C08, C11: namespace labels (and pod labels) select pods; host-network pods are never selected.
   */
  private static BitSet pods(Cluster cluster, PodSet set) {
    BitSet selected = new BitSet();
    List<PodInfo> pods = cluster.pods();
    for (int i = 0; i < pods.size(); i++) {
      PodInfo p = pods.get(i);
      Map<String, String> nsLabels = cluster.namespaceMap().get(p.namespace()).labels();
      boolean match =
          set.namespaces() != null
              ? LabelSelectors.matches(set.namespaces(), nsLabels)
              : LabelSelectors.matches(set.podNamespaces(), nsLabels)
                  && LabelSelectors.matches(set.pods(), p.labels());
      selected.set(i, match && !p.hostNetwork());
    }
    return selected;
  }
}
