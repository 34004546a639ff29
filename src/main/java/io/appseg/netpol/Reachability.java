package io.appseg.netpol;

import inet.ipaddr.IPAddress;
import io.appseg.kube.Ip;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link NetworkPolicyEvaluator#allows} for every ordered pair of a fixed list of ends (pods and
 * addresses), one numeric port and protocol at a time: the bulk form of the same rules, for callers
 * that ask about all pairs (the operator's self-check asks about a million).
 *
 * <p>Why it is cheaper than asking pair by pair: which ends a rule's peers match does not depend on
 * the port, so it is worked out once per rule here; and per port a pod's rules are walked once for
 * all its peers (one bitset union per admitting rule) instead of once per pair. Only a rule with a
 * named port depends on the destination pod, and only that case is decided end by end, with the
 * same {@link CompiledRule#portMatch} the single question uses.
 */
public final class Reachability {
  private final Cluster cluster;
  private final PolicyIndex index;
  private final int size;

  /** Per end: its pod's position in the cluster, or -1 for an address. */
  private final int[] pods;

  private final IPAddress[] ips;

  /** Per end: the ends naming the same pod, itself included (a pod always reaches itself, R17). */
  private final BitSet[] samePod;

  /**
   * Per end: the address ends that are its pod's node (R19: allowed both ways whatever the
   * policies).
   */
  private final BitSet[] nodeLocal;

  /** Per rule: the ends its peers match (every end for an empty peer list, R07). */
  private final Map<CompiledRule, BitSet> peerEnds = new IdentityHashMap<>();

  private Reachability(Cluster cluster, List<Endpoint> ends) {
    this.cluster = cluster;
    this.index = cluster.index();
    this.size = ends.size();
    this.pods = new int[size];
    this.ips = new IPAddress[size];
    this.samePod = new BitSet[size];
    this.nodeLocal = new BitSet[size];
    for (int i = 0; i < size; i++) {
      pods[i] = Question.podIndex(cluster, ends.get(i));
      ips[i] = pods[i] < 0 ? Ip.address(ends.get(i).ip()) : null;
    }
    for (int i = 0; i < size; i++) {
      samePod[i] = new BitSet(size);
      nodeLocal[i] = new BitSet(size);
      PodInfo pod = pods[i] < 0 ? null : cluster.pods().get(pods[i]);
      for (int k = 0; k < size; k++) {
        samePod[i].set(k, pods[i] >= 0 && pods[i] == pods[k]);
        nodeLocal[i].set(k, Question.isNodeOf(ips[k], pod));
      }
    }
  }

  /**
   * Prepares the bulk questions over {@code ends}.
   *
   * @throws IllegalArgumentException for a pod the cluster does not have, or a cluster with
   *     ClusterNetworkPolicies (the bulk answer knows NetworkPolicies only; ask {@link
   *     NetworkPolicyEvaluator#allows} there)
   */
  public static Reachability of(Cluster cluster, List<Endpoint> ends) {
    if (!cluster.clusterPolicies().isEmpty()) {
      throw new IllegalArgumentException(
          "bulk reachability covers NetworkPolicies only, and "
              + cluster
              + " has ClusterNetworkPolicies");
    }
    return new Reachability(cluster, List.copyOf(ends));
  }

  /**
   * Row {@code i} holds {@code j} iff {@code allows(cluster, Connection.of(ends[i], ends[j], port,
   * protocol))}. The rows are fresh: the caller may change them.
   */
  public BitSet[] allowed(int port, Protocol protocol) {
    // accepts[i]: the destinations whose ingress admits i; destinations that admit everyone are
    // kept aside.
    BitSet[] accepts = new BitSet[size];
    for (int i = 0; i < size; i++) {
      accepts[i] = new BitSet(size);
    }
    BitSet openToAll = new BitSet(size);
    for (int j = 0; j < size; j++) {
      BitSet sources = admitted(Direction.INGRESS, j, port, protocol);
      if (sources == null) {
        openToAll.set(j);
      } else {
        for (int i = sources.nextSetBit(0); i >= 0; i = sources.nextSetBit(i + 1)) {
          accepts[i].set(j);
        }
      }
    }
    BitSet[] rows = new BitSet[size];
    for (int i = 0; i < size; i++) {
      BitSet row = admitted(Direction.EGRESS, i, port, protocol);
      if (row == null) {
        row = new BitSet(size);
        row.set(0, size);
      }
      accepts[i].or(openToAll);
      row.and(accepts[i]);
      row.or(samePod[i]);
      rows[i] = row;
    }
    return rows;
  }

  /**
   * The peers end {@code e} admits on side {@code side} (destinations for egress, sources for
   * ingress), or null when the side does not restrict it: an address, or a pod no policy isolates
   * in that direction (R01).
   */
  private BitSet admitted(Direction side, int e, int port, Protocol protocol) {
    int pod = pods[e];
    if (pod < 0 || index.policies(side, pod).isEmpty()) {
      return null;
    }
    BitSet peers = (BitSet) nodeLocal[e].clone();
    for (CompiledRule rule : index.rules(side, pod)) {
      if (side == Direction.INGRESS || !rule.hasNamedPort()) {
        // The destination is e itself (ingress) or does not matter (no named port): one answer for
        // all peers.
        PodInfo destination = side == Direction.INGRESS ? cluster.pods().get(pod) : null;
        if (rule.portMatch(port, protocol, destination) != CompiledRule.NONE) {
          peers.or(peerEnds(rule));
        }
      } else {
        BitSet candidates = peerEnds(rule);
        for (int k = candidates.nextSetBit(0); k >= 0; k = candidates.nextSetBit(k + 1)) {
          PodInfo destination = pods[k] < 0 ? null : cluster.pods().get(pods[k]);
          if (!peers.get(k) && rule.portMatch(port, protocol, destination) != CompiledRule.NONE) {
            peers.set(k);
          }
        }
      }
    }
    return peers;
  }

  private BitSet peerEnds(CompiledRule rule) {
    return peerEnds.computeIfAbsent(
        rule,
        r -> {
          BitSet matched = new BitSet(size);
          for (int k = 0; k < size; k++) {
            matched.set(
                k, r.peerMatch(new CompiledRule.Peer(pods[k], ips[k])) != CompiledRule.NONE);
          }
          return matched;
        });
  }
}
