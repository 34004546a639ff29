package io.appseg.netpol;

import inet.ipaddr.IPAddress;
import io.appseg.kube.Ip;
import io.appseg.kube.LabelSelectors;
import io.appseg.kube.PolicyTypes;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Per pod and direction: the policies that isolate it and their rules, in policy order. */
final class PolicyIndex {
  private final Map<Direction, List<List<PolicyRef>>> selecting = new EnumMap<>(Direction.class);
  private final Map<Direction, List<List<CompiledRule>>> rules = new EnumMap<>(Direction.class);

  private PolicyIndex(int podCount) {
    for (Direction d : Direction.values()) {
      selecting.put(d, emptyLists(podCount));
      rules.put(d, emptyLists(podCount));
    }
  }

  static PolicyIndex build(Cluster cluster) {
    PolicyIndex index = new PolicyIndex(cluster.pods().size());
    for (NetworkPolicy policy : cluster.policyObjects()) {
      index.add(cluster, policy);
    }
    return index;
  }

  /**
   * Policies of the pod's own namespace that select it for this direction; empty means not isolated
   * (R01).
   */
  List<PolicyRef> policies(Direction direction, int pod) {
    return selecting.get(direction).get(pod);
  }

  List<CompiledRule> rules(Direction direction, int pod) {
    return rules.get(direction).get(pod);
  }

  private void add(Cluster cluster, NetworkPolicy policy) {
    String ns = Snapshots.namespaceOf(policy);
    PolicyRef ref = new PolicyRef(ns, Snapshots.nameOf(policy));
    NetworkPolicySpec spec = policy.getSpec();
    BitSet selected = select(cluster, ns, spec.getPodSelector());
    for (Direction d : effectiveTypes(spec)) {
      List<CompiledRule> compiled = compileRules(cluster, ns, ref, d, spec);
      selected.stream()
          .forEach(
              pod -> {
                selecting.get(d).get(pod).add(ref);
                rules.get(d).get(pod).addAll(compiled);
              });
    }
  }

  /**
   * R04: an empty policyTypes becomes Ingress, plus Egress iff there are egress rules. An explicit
   * list is taken as is, so rules of an unlisted direction are inert (R22).
   */
  static Set<Direction> effectiveTypes(NetworkPolicySpec spec) {
    Set<Direction> result = EnumSet.noneOf(Direction.class);
    if (PolicyTypes.isolatesIngress(spec)) {
      result.add(Direction.INGRESS);
    }
    if (PolicyTypes.isolatesEgress(spec)) {
      result.add(Direction.EGRESS);
    }
    return result;
  }

  /**
   * spec.podSelector: only pods of the policy's own namespace; absent means all of them (R05, R21).
   */
  private static BitSet select(Cluster cluster, String ns, LabelSelector podSelector) {
    BitSet selected = new BitSet();
    List<PodInfo> pods = cluster.pods();
    for (int i = 0; i < pods.size(); i++) {
      PodInfo p = pods.get(i);
      selected.set(
          i,
          p.namespace().equals(ns)
              && (podSelector == null || LabelSelectors.matches(podSelector, p.labels())));
    }
    return selected;
  }

  private static List<CompiledRule> compileRules(
      Cluster cluster, String ns, PolicyRef ref, Direction d, NetworkPolicySpec spec) {
    List<CompiledRule> out = new ArrayList<>();
    if (d == Direction.INGRESS) {
      List<NetworkPolicyIngressRule> list =
          spec.getIngress() == null ? List.of() : spec.getIngress();
      for (int i = 0; i < list.size(); i++) {
        out.add(rule(cluster, ns, ref, d, i, list.get(i).getFrom(), list.get(i).getPorts()));
      }
    } else {
      List<NetworkPolicyEgressRule> list = spec.getEgress() == null ? List.of() : spec.getEgress();
      for (int i = 0; i < list.size(); i++) {
        out.add(rule(cluster, ns, ref, d, i, list.get(i).getTo(), list.get(i).getPorts()));
      }
    }
    return out;
  }

  private static CompiledRule rule(
      Cluster cluster,
      String ns,
      PolicyRef ref,
      Direction d,
      int index,
      List<NetworkPolicyPeer> peers,
      List<NetworkPolicyPort> ports) {
    List<CompiledPeer> compiledPeers =
        peers == null ? List.of() : peers.stream().map(p -> peer(cluster, ns, p)).toList();
    List<CompiledPort> compiledPorts =
        ports == null ? List.of() : ports.stream().map(PolicyIndex::port).toList();
    return new CompiledRule(ref, d, index, compiledPeers, compiledPorts);
  }

  /**
   * R08-R11: podSelector alone means the policy's namespace; namespaceSelector alone means every
   * pod of the matching namespaces; both in one element are ANDed.
   */
  private static CompiledPeer peer(Cluster cluster, String policyNs, NetworkPolicyPeer peer) {
    if (peer.getIpBlock() != null) {
      List<IPAddress> except =
          peer.getIpBlock().getExcept() == null
              ? List.of()
              : peer.getIpBlock().getExcept().stream().map(Ip::block).toList();
      return CompiledPeer.ipBlock(Ip.block(peer.getIpBlock().getCidr()), except, cluster);
    }
    LabelSelector nsSelector = peer.getNamespaceSelector();
    LabelSelector podSelector = peer.getPodSelector();
    BitSet matched = new BitSet();
    List<PodInfo> pods = cluster.pods();
    for (int i = 0; i < pods.size(); i++) {
      PodInfo p = pods.get(i);
      boolean nsOk =
          nsSelector == null
              ? p.namespace().equals(policyNs)
              : LabelSelectors.matches(
                  nsSelector, cluster.namespaceMap().get(p.namespace()).labels());
      matched.set(
          i, nsOk && (podSelector == null || LabelSelectors.matches(podSelector, p.labels())));
    }
    return CompiledPeer.selector(matched);
  }

  /**
   * R12-R15: protocol defaults to TCP; no port means every port of that protocol; endPort is
   * inclusive.
   */
  private static CompiledPort port(NetworkPolicyPort port) {
    Protocol protocol =
        port.getProtocol() == null ? Protocol.TCP : Protocol.valueOf(port.getProtocol());
    IntOrString p = port.getPort();
    if (p == null) {
      return CompiledPort.allPorts(protocol);
    }
    if (p.getStrVal() != null) {
      return new CompiledPort(protocol, 0, 0, p.getStrVal());
    }
    int first = p.getIntVal();
    return new CompiledPort(
        protocol, first, port.getEndPort() == null ? first : port.getEndPort(), null);
  }

  private static <T> List<List<T>> emptyLists(int n) {
    List<List<T>> lists = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      lists.add(new ArrayList<>());
    }
    return lists;
  }
}
