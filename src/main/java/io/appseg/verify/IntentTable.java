package io.appseg.verify;

import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Protocol;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * {@link Intent#allows} for every ordered pair of a fixed list of nodes, one probe at a time: the
 * same reading of the spec, with the per-node facts (isolation per direction, which grants a node
 * is subject or peer of) worked out once instead of per question.
 *
 * <p>Only a grant's ports depend on the probe, and on the destination only through its named
 * container ports ({@link Matchers#ports}); nodes with equal port lists therefore get one port
 * answer per grant and probe.
 */
final class IntentTable {
  /** A grant with its subjects and peers as sets of node positions. */
  record Grant(boolean egress, BitSet subjects, BitSet peers, List<PortSpec> ports) {}

  private final int size;
  private final BitSet isolatedEgress;
  private final BitSet isolatedIngress;
  private final List<Grant> grants;

  /** One node per distinct port list, and the positions of the nodes sharing it. */
  private final Map<Node, BitSet> portClasses = new LinkedHashMap<>();

  /**
   * Per grant whose ports name no container port, so that one answer holds for every destination
   * (most grants; asking each port class instead multiplied the cost by their number): its ports as
   * protocol, first and last, in threes ({@link #numbers}); null for a grant with a named port.
   */
  private final int[][] numbered;

  private final BitSet everyone;
  private final BitSet nobody;

  /** Per grant: its subjects isolated in its direction (the only ones it changes anything for). */
  private final BitSet[] isolatedSubjects;

  IntentTable(List<Node> nodes, BitSet isolatedEgress, BitSet isolatedIngress, List<Grant> grants) {
    this.size = nodes.size();
    this.isolatedEgress = isolatedEgress;
    this.isolatedIngress = isolatedIngress;
    this.grants = List.copyOf(grants);
    this.numbered = new int[this.grants.size()][];
    for (int g = 0; g < numbered.length; g++) {
      numbered[g] = numbers(this.grants.get(g).ports());
    }
    this.everyone = all();
    this.nobody = new BitSet(size);
    this.isolatedSubjects = new BitSet[this.grants.size()];
    for (int g = 0; g < isolatedSubjects.length; g++) {
      Grant grant = this.grants.get(g);
      isolatedSubjects[g] =
          isolated(grant.subjects(), grant.egress() ? isolatedEgress : isolatedIngress);
    }
    Map<List<Node.ContainerPort>, Node> representative = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      Node node = nodes.get(i);
      Node first = representative.computeIfAbsent(node.ports(), p -> node);
      portClasses.computeIfAbsent(first, n -> new BitSet(size)).set(i);
    }
  }

  /** One row per node, empty: a matrix {@link #allowed} fills. */
  BitSet[] rows() {
    BitSet[] rows = new BitSet[size];
    for (int i = 0; i < size; i++) {
      rows[i] = new BitSet(size);
    }
    return rows;
  }

  /**
   * Fills {@code sends}: row {@code s} holds {@code d} iff the spec means node {@code s} to reach
   * node {@code d} on this port and protocol. {@code accepts} is scratch; both are {@link #rows},
   * whatever they held. Refilled rather than allocated per probe: a matrix per probe was most of
   * what the self-check allocated.
   */
  void allowed(int port, Protocol protocol, BitSet[] sends, BitSet[] accepts) {
    // sends, egress: where each node may send (all for a node not egress-isolated); accepts,
    // ingress transposed: which destinations accept each node.
    BitSet openIngress = all();
    openIngress.andNot(isolatedIngress);
    for (int i = 0; i < size; i++) {
      sends[i].clear();
      if (!isolatedEgress.get(i)) {
        sends[i].set(0, size);
      }
      accepts[i].clear();
      accepts[i].or(openIngress);
    }
    for (int index = 0; index < grants.size(); index++) {
      Grant g = grants.get(index);
      BitSet destinations = destinationsOnPort(index, port, protocol);
      if (destinations.isEmpty()) {
        continue; // most grants on most probes: their ports are not this one
      }
      if (g.egress()) {
        BitSet reach = g.peers();
        if (destinations != everyone) {
          reach = (BitSet) reach.clone();
          reach.and(destinations);
        }
        BitSet peers = reach;
        forEach(isolatedSubjects[index], s -> sends[s].or(peers));
      } else {
        BitSet subjects = isolatedSubjects[index];
        if (destinations != everyone) {
          subjects = (BitSet) subjects.clone();
          subjects.and(destinations);
        }
        BitSet admitted = subjects;
        forEach(g.peers(), s -> accepts[s].or(admitted));
      }
    }
    for (int i = 0; i < size; i++) {
      sends[i].and(accepts[i]);
      sends[i].set(i); // a node always reaches itself
    }
  }

  /**
   * The nodes whose ports the grant at {@code index} admits as a destination of {@code port}/{@code
   * protocol}; read only.
   */
  private BitSet destinationsOnPort(int index, int port, Protocol protocol) {
    List<PortSpec> ports = grants.get(index).ports();
    if (numbered[index] != null) {
      return matches(numbered[index], port, protocol) ? everyone : nobody;
    }
    BitSet out = new BitSet(size);
    portClasses.forEach(
        (node, members) -> {
          if (Matchers.ports(ports, node, port, protocol)) {
            out.or(members);
          }
        });
    return out;
  }

  /**
   * {@link Matchers#ports} of numbered ports as plain numbers, or null when one is named: asked for
   * every grant on every probe, the port objects' getters and boxed numbers were most of the
   * intent's cost. An empty list (every port) is one range over every protocol's ports.
   */
  private static int[] numbers(List<PortSpec> ports) {
    if (ports == null || ports.isEmpty()) {
      return new int[] {ANY_PROTOCOL, 0, Integer.MAX_VALUE};
    }
    int[] out = new int[3 * ports.size()];
    for (int i = 0; i < ports.size(); i++) {
      PortSpec p = ports.get(i);
      if (p.getPort().getIntVal() == null) {
        return null;
      }
      out[3 * i] = (p.getProtocol() == null ? Protocol.TCP : p.getProtocol()).ordinal();
      out[3 * i + 1] = p.getPort().getIntVal();
      out[3 * i + 2] = p.getEndPort() == null ? p.getPort().getIntVal() : p.getEndPort();
    }
    return out;
  }

  private static final int ANY_PROTOCOL = -1;

  private static boolean matches(int[] numbers, int port, Protocol protocol) {
    int wanted = protocol.ordinal();
    for (int i = 0; i < numbers.length; i += 3) {
      if ((numbers[i] == wanted || numbers[i] == ANY_PROTOCOL)
          && numbers[i + 1] <= port
          && port <= numbers[i + 2]) {
        return true;
      }
    }
    return false;
  }

  private static BitSet isolated(BitSet subjects, BitSet isolated) {
    BitSet out = (BitSet) subjects.clone();
    out.and(isolated);
    return out;
  }

  private BitSet all() {
    BitSet all = new BitSet(size);
    all.set(0, size);
    return all;
  }

  private static void forEach(BitSet set, IntConsumer action) {
    for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
      action.accept(i);
    }
  }
}
