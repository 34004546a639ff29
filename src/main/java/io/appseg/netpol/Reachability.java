package io.appseg.netpol;

import inet.ipaddr.IPAddress;
import io.appseg.kube.Ip;
import java.util.Arrays;
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

  /** Per end and side: its rules, once asked for ({@link #rules}). */
  private final Rules[] ingressRules;

  private final Rules[] egressRules;

  /** Each rule's number in {@link #askedFor} and {@link #matched}. */
  private final Map<CompiledRule, Integer> ruleIds = new IdentityHashMap<>();

  /** Per rule number: the probe (port and protocol) {@link #matched} answers, -1 for none yet. */
  private long[] askedFor = new long[0];

  private boolean[] matched = new boolean[0];

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
    this.ingressRules = new Rules[size];
    this.egressRules = new Rules[size];
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
    BitSet[] rows = new BitSet[size];
    for (int i = 0; i < size; i++) {
      rows[i] = new BitSet(size);
    }
    allowed(port, protocol, rows);
    return rows;
  }

  /**
   * {@link #allowed(int, Protocol)} into {@code rows} (one per end, whatever they held): a caller
   * asking probe after probe reuses its rows instead of allocating a matrix per probe, which was
   * most of what the self-check allocated.
   */
  public void allowed(int port, Protocol protocol, BitSet[] rows) {
    // First rows[i] holds the destinations whose ingress admits i; those that admit everyone are
    // kept aside.
    for (BitSet row : rows) {
      row.clear();
    }
    BitSet openToAll = new BitSet(size);
    BitSet peers = new BitSet(size);
    for (int j = 0; j < size; j++) {
      if (!admitted(Direction.INGRESS, j, port, protocol, peers)) {
        openToAll.set(j);
      } else {
        for (int i = peers.nextSetBit(0); i >= 0; i = peers.nextSetBit(i + 1)) {
          rows[i].set(j);
        }
      }
    }
    for (int i = 0; i < size; i++) {
      BitSet row = rows[i];
      row.or(openToAll);
      if (admitted(Direction.EGRESS, i, port, protocol, peers)) {
        row.and(peers);
      }
      row.or(samePod[i]);
    }
  }

  /**
   * Whether side {@code side} restricts end {@code e} (not for an address, nor for a pod no policy
   * isolates in that direction, R01) and if so, into {@code peers}, the peers it admits there
   * (destinations for egress, sources for ingress).
   */
  private boolean admitted(Direction side, int e, int port, Protocol protocol, BitSet peers) {
    Rules rules = rules(side, e);
    if (rules == null) {
      return false;
    }
    peers.clear();
    peers.or(nodeLocal[e]);
    for (int r = 0; r < rules.rules().length; r++) {
      CompiledRule rule = rules.rules()[r];
      if (!rule.hasNamedPort()) {
        // The destination does not matter: one answer for all peers, and for every end the rule
        // restricts.
        if (portMatch(rules.ids()[r], rule, port, protocol)) {
          peers.or(rules.peers()[r]);
        }
      } else if (side == Direction.INGRESS) {
        // The destination is e itself.
        if (rule.portMatch(port, protocol, cluster.pods().get(pods[e])) != CompiledRule.NONE) {
          peers.or(rules.peers()[r]);
        }
      } else {
        BitSet candidates = rules.peers()[r];
        for (int k = candidates.nextSetBit(0); k >= 0; k = candidates.nextSetBit(k + 1)) {
          PodInfo destination = pods[k] < 0 ? null : cluster.pods().get(pods[k]);
          if (!peers.get(k) && rule.portMatch(port, protocol, destination) != CompiledRule.NONE) {
            peers.set(k);
          }
        }
      }
    }
    return true;
  }

  /**
   * {@code rule.portMatch} for a rule without a named port, answered once per probe however many
   * ends it restricts (the pods of a tier and their look-alikes share their policies' rules).
   */
  private boolean portMatch(int id, CompiledRule rule, int port, Protocol protocol) {
    long probe = (long) port << 8 | protocol.ordinal();
    if (askedFor[id] != probe) {
      askedFor[id] = probe;
      matched[id] = rule.portMatch(port, protocol, null) != CompiledRule.NONE;
    }
    return matched[id];
  }

  /**
   * The rules of one end's side with their numbers and the ends their peers match, side by side.
   */
  private record Rules(CompiledRule[] rules, int[] ids, BitSet[] peers) {}

  /** A pod no policy isolates on a side, or an address: no rules restrict it. */
  private static final Rules UNRESTRICTED = new Rules(null, null, null);

  /**
   * The rules that restrict end {@code e} on this side, or null for none, worked out on the first
   * probe: every probe asks again, and a look-up per rule and probe was a third of the bulk answer.
   */
  private Rules rules(Direction side, int e) {
    Rules[] bySide = side == Direction.INGRESS ? ingressRules : egressRules;
    if (bySide[e] == null) {
      bySide[e] =
          pods[e] < 0 || index.policies(side, pods[e]).isEmpty()
              ? UNRESTRICTED
              : compile(index.rules(side, pods[e]));
    }
    return bySide[e] == UNRESTRICTED ? null : bySide[e];
  }

  private Rules compile(List<CompiledRule> list) {
    CompiledRule[] rules = list.toArray(CompiledRule[]::new);
    int[] ids = new int[rules.length];
    BitSet[] peers = new BitSet[rules.length];
    for (int r = 0; r < rules.length; r++) {
      ids[r] = ruleIds.computeIfAbsent(rules[r], x -> ruleIds.size());
      peers[r] = peerEnds(rules[r]);
    }
    if (askedFor.length < ruleIds.size()) {
      int length = Math.max(ruleIds.size(), 2 * askedFor.length);
      askedFor = Arrays.copyOf(askedFor, length);
      Arrays.fill(askedFor, matched.length, length, -1L);
      matched = Arrays.copyOf(matched, length);
    }
    return new Rules(rules, ids, peers);
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
