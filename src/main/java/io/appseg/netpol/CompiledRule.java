package io.appseg.netpol;

import inet.ipaddr.IPAddress;
import java.util.List;

/**
 * One ingress or egress rule: a cross product of its peers and ports (R12). Empty lists mean "any"
 * (R07, R12). The match methods return the index of the first matching element, {@link #ANY} for an
 * empty list, or {@link #NONE}.
 */
record CompiledRule(
    PolicyRef policy,
    Direction direction,
    int index,
    List<CompiledPeer> peers,
    List<CompiledPort> ports) {
  static final int ANY = -1;
  static final int NONE = -2;

  /** The other end of the connection as seen by a rule: a pod (by index) or an external address. */
  record Peer(int podIndex, IPAddress ip) {}

  int peerMatch(Peer peer) {
    if (peers.isEmpty()) {
      return ANY;
    }
    for (int i = 0; i < peers.size(); i++) {
      CompiledPeer p = peers.get(i);
      if (peer.podIndex() >= 0 ? p.matchesPod(peer.podIndex()) : p.matchesIp(peer.ip())) {
        return i;
      }
    }
    return NONE;
  }

  int portMatch(int port, Protocol protocol, PodInfo destination) {
    if (ports.isEmpty()) {
      return ANY;
    }
    for (int i = 0; i < ports.size(); i++) {
      if (ports.get(i).matches(port, protocol, destination)) {
        return i;
      }
    }
    return NONE;
  }

  /** Whether a ports entry is a name, whose match depends on the destination pod (R13). */
  boolean hasNamedPort() {
    for (CompiledPort p : ports) {
      if (p.name() != null) {
        return true;
      }
    }
    return false;
  }

  /** The admitting reference for a match, or null when either part does not match. */
  RuleRef admits(Peer peer, int port, Protocol protocol, PodInfo destination) {
    int portIndex = portMatch(port, protocol, destination);
    if (portIndex == NONE) {
      return null;
    }
    int peerIndex = peerMatch(peer);
    if (peerIndex == NONE) {
      return null;
    }
    return new RuleRef(
        policy,
        direction,
        index,
        peerIndex == ANY ? null : peerIndex,
        portIndex == ANY ? null : portIndex);
  }
}
