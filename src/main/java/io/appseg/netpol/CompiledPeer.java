package io.appseg.netpol;

import inet.ipaddr.IPAddress;
import io.appseg.kube.Ip;

import java.util.BitSet;
import java.util.List;

/**
 * One {@code from}/{@code to} element. Pod matches are precomputed over the cluster's pods, so a peer check
 * during evaluation is a bit lookup.
 */
final class CompiledPeer {
  private final BitSet pods;
  private final IPAddress cidr; // null for selector peers
  private final List<IPAddress> except;

  private CompiledPeer(BitSet pods, IPAddress cidr, List<IPAddress> except) {
    this.pods = pods;
    this.cidr = cidr;
    this.except = except;
  }

  static CompiledPeer selector(BitSet pods) {
    return new CompiledPeer(pods, null, List.of());
  }

  static CompiledPeer ipBlock(IPAddress cidr, List<IPAddress> except, List<PodInfo> allPods) {
    CompiledPeer peer = new CompiledPeer(new BitSet(), cidr, except);
    // ipBlock matches pod IPs as well (R11, upstream e2e): any of the pod's addresses.
    for (int i = 0; i < allPods.size(); i++) {
      peer.pods.set(i, allPods.get(i).ips().stream().map(Ip::address).anyMatch(peer::matchesIp));
    }
    return peer;
  }

  boolean matchesPod(int podIndex) {
    return pods.get(podIndex);
  }

  /** Selectors never match a non-pod address (R09); an ipBlock matches inside cidr and outside its own excepts. */
  boolean matchesIp(IPAddress ip) {
    return cidr != null && Ip.contains(cidr, ip) && except.stream().noneMatch(e -> Ip.contains(e, ip));
  }
}
