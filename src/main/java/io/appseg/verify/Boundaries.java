package io.appseg.verify;

import io.appseg.api.v1alpha1.PeerFields;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Protocol;
import io.appseg.verify.Partition.Interval;
import io.appseg.verify.Partition.Matcher;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every IP block and numeric port range that the spec's intent or the plan's policies match by: the
 * edges of the equivalence classes the population probes one value of. The plan's own edges count,
 * so a policy wider or narrower than its spec (an endPort one too far, a missing except) puts the
 * difference into a class of its own, where the check sees it.
 */
final class Boundaries {
  private static final BigInteger LAST_V4 = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
  private static final BigInteger LAST_V6 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  /** An ipBlock: its cidr less its excepts. */
  private record Block(String cidr, List<String> except) {}

  /** A numeric port range of a port list. */
  private record Range(Protocol protocol, int first, int last) {}

  private final Set<Block> blocks = new LinkedHashSet<>();
  private final Set<List<Range>> portLists = new LinkedHashSet<>();

  void addPeer(PeerFields peer) {
    if (peer.getCidr() != null) {
      blocks.add(new Block(peer.getCidr(), nullSafe(peer.getExcept())));
    }
  }

  /**
   * A port list of the spec (a named entry is its container port's class, {@link #addSinglePort}).
   */
  void addPortList(List<PortSpec> list) {
    List<Range> ranges = new ArrayList<>();
    for (PortSpec p : nullSafe(list)) {
      Integer first = p.getPort().getIntVal();
      if (first != null) {
        Protocol protocol = p.getProtocol() == null ? Protocol.TCP : p.getProtocol();
        ranges.add(new Range(protocol, first, p.getEndPort() == null ? first : p.getEndPort()));
      }
    }
    portLists.add(ranges);
  }

  /** A port number every protocol treats on its own (a named container port's). */
  void addSinglePort(int port) {
    List<Range> alone = new ArrayList<>();
    for (Protocol p : Protocol.values()) {
      alone.add(new Range(p, port, port));
    }
    portLists.add(alone);
  }

  void addPolicies(List<NetworkPolicy> policies) {
    for (NetworkPolicy policy : policies) {
      NetworkPolicySpec spec = policy.getSpec();
      if (spec == null) {
        continue;
      }
      for (NetworkPolicyIngressRule r : nullSafe(spec.getIngress())) {
        addPeers(r.getFrom());
        addPorts(r.getPorts());
      }
      for (NetworkPolicyEgressRule r : nullSafe(spec.getEgress())) {
        addPeers(r.getTo());
        addPorts(r.getPorts());
      }
    }
  }

  private void addPeers(List<NetworkPolicyPeer> peers) {
    for (NetworkPolicyPeer peer : nullSafe(peers)) {
      IPBlock block = peer.getIpBlock();
      if (block != null && block.getCidr() != null) {
        blocks.add(new Block(block.getCidr(), nullSafe(block.getExcept())));
      }
    }
  }

  private void addPorts(List<NetworkPolicyPort> list) {
    List<Range> ranges = new ArrayList<>();
    for (NetworkPolicyPort p : nullSafe(list)) {
      IntOrString port = p.getPort();
      Protocol protocol = protocol(p.getProtocol());
      if (port != null && port.getIntVal() != null && protocol != null) {
        int last = p.getEndPort() == null ? port.getIntVal() : p.getEndPort();
        ranges.add(new Range(protocol, port.getIntVal(), last));
      }
    }
    portLists.add(ranges);
  }

  /** The address classes of one family. */
  Partition addresses(boolean v6) {
    List<Matcher> matchers = new ArrayList<>();
    for (Block b : blocks) {
      matchers.add(new Matcher(intervals(List.of(b.cidr()), v6), intervals(b.except(), v6)));
    }
    return new Partition(BigInteger.ZERO, v6 ? LAST_V6 : LAST_V4, matchers);
  }

  private static List<Interval> intervals(List<String> cidrs, boolean v6) {
    List<Interval> out = new ArrayList<>();
    for (String cidr : cidrs) {
      try {
        IpBlock b = IpBlock.parse(cidr);
        if (b.v6() == v6) {
          out.add(new Interval(b.first(), b.last()));
        }
      } catch (IllegalArgumentException e) {
        // a plan's unparsable block: building its cluster reports it ("the plan is not valid")
      }
    }
    return out;
  }

  /** The port classes of one protocol. */
  Partition ports(Protocol protocol) {
    List<Matcher> matchers = new ArrayList<>();
    for (List<Range> list : portLists) {
      List<Interval> include = new ArrayList<>();
      list.stream()
          .filter(r -> r.protocol() == protocol && r.first() <= r.last())
          .forEach(
              r ->
                  include.add(
                      new Interval(BigInteger.valueOf(r.first()), BigInteger.valueOf(r.last()))));
      matchers.add(new Matcher(include, List.of()));
    }
    return new Partition(BigInteger.ONE, BigInteger.valueOf(65535), matchers);
  }

  private static Protocol protocol(String name) {
    if (name == null) {
      return Protocol.TCP;
    }
    for (Protocol p : Protocol.values()) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null; // a protocol the spec cannot name matches no probe
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
