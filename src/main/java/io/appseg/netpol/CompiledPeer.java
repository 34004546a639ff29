package io.appseg.netpol;

import inet.ipaddr.IPAddress;
import io.appseg.kube.Ip;
import java.util.BitSet;
import java.util.List;

/**
 * One {@code from}/{@code to} element: pods (precomputed over the cluster's pods, so a peer check
 * during evaluation is a bit lookup) or address blocks. A NetworkPolicy ipBlock is one block with
 * its excepts; a ClusterNetworkPolicy networks peer is any of several blocks.
 */
final class CompiledPeer {
  private static final List<IPAddress> ALL_ADDRESSES =
      List.of(Ip.block("0.0.0.0/0"), Ip.block("::/0"));

  private final BitSet pods;
  private final List<IPAddress> blocks; // empty for selector peers
  private final List<IPAddress> except;

  private CompiledPeer(BitSet pods, List<IPAddress> blocks, List<IPAddress> except) {
    this.pods = pods;
    this.blocks = blocks;
    this.except = except;
  }

  static CompiledPeer selector(BitSet pods) {
    return new CompiledPeer(pods, List.of(), List.of());
  }

  static CompiledPeer ipBlock(IPAddress cidr, List<IPAddress> except, List<PodInfo> allPods) {
    return withPodIps(new CompiledPeer(new BitSet(), List.of(cidr), except), allPods);
  }

  static CompiledPeer anyBlock(List<IPAddress> blocks, List<PodInfo> allPods) {
    return withPodIps(new CompiledPeer(new BitSet(), List.copyOf(blocks), List.of()), allPods);
  }

  /** Every pod and every address: a rule that fails closed. */
  static CompiledPeer everything(int podCount) {
    BitSet all = new BitSet();
    all.set(0, podCount);
    return new CompiledPeer(all, ALL_ADDRESSES, List.of());
  }

  /** Address blocks match pod IPs as well (R11, upstream e2e): any of the pod's addresses. */
  private static CompiledPeer withPodIps(CompiledPeer peer, List<PodInfo> allPods) {
    for (int i = 0; i < allPods.size(); i++) {
      peer.pods.set(i, allPods.get(i).ips().stream().map(Ip::address).anyMatch(peer::matchesIp));
    }
    return peer;
  }

  boolean matchesPod(int podIndex) {
    return pods.get(podIndex);
  }

  /**
   * Selectors never match a non-pod address (R09); blocks match inside any of them and outside the
   * excepts.
   */
  boolean matchesIp(IPAddress ip) {
    return blocks.stream().anyMatch(b -> Ip.contains(b, ip))
        && except.stream().noneMatch(e -> Ip.contains(e, ip));
  }
}
