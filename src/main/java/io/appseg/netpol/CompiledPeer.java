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

  static CompiledPeer ipBlock(IPAddress cidr, List<IPAddress> except, Cluster cluster) {
    return withPodIps(new CompiledPeer(new BitSet(), List.of(cidr), except), cluster);
  }

  static CompiledPeer anyBlock(List<IPAddress> blocks, Cluster cluster) {
    return withPodIps(new CompiledPeer(new BitSet(), List.copyOf(blocks), List.of()), cluster);
  }

  /** Every pod and every address: a rule that fails closed. */
  static CompiledPeer everything(int podCount) {
    BitSet all = new BitSet();
    all.set(0, podCount);
    return new CompiledPeer(all, ALL_ADDRESSES, List.of());
  }

  /** Address blocks match pod IPs as well (R11, upstream e2e): any of the pod's addresses. */
  private static CompiledPeer withPodIps(CompiledPeer peer, Cluster cluster) {
    List<List<IPAddress>> addresses = cluster.podAddresses();
    for (int i = 0; i < addresses.size(); i++) {
      peer.pods.set(i, addresses.get(i).stream().anyMatch(peer::matchesIp));
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
