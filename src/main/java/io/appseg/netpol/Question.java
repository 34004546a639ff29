package io.appseg.netpol;

import inet.ipaddr.IPAddress;
import io.appseg.kube.Ip;

/**
 * A connection resolved against a cluster: pod ends as indexes (-1 for addresses), the port as a
 * number (named ports are looked up on the destination pod), and whether an address end is a pod's
 * own node.
 */
record Question(
    Connection connection,
    int source,
    IPAddress sourceIp,
    int destination,
    IPAddress destinationIp,
    PodInfo destinationPod,
    int port,
    boolean sourceIsDestinationNode,
    boolean destinationIsSourceNode) {

  static Question resolve(Cluster cluster, Connection c) {
    int src = podIndex(cluster, c.source());
    int dst = podIndex(cluster, c.destination());
    PodInfo dstPod = dst < 0 ? null : cluster.pods().get(dst);
    PodInfo srcPod = src < 0 ? null : cluster.pods().get(src);
    IPAddress srcIp = src < 0 ? Ip.address(c.source().ip()) : null;
    IPAddress dstIp = dst < 0 ? Ip.address(c.destination().ip()) : null;
    return new Question(
        c,
        src,
        srcIp,
        dst,
        dstIp,
        dstPod,
        portNumber(c, dstPod),
        isNodeOf(srcIp, dstPod),
        isNodeOf(dstIp, srcPod));
  }

  /** The other end as a rule sees it, for the given side. */
  CompiledRule.Peer peerFor(Direction side) {
    return side == Direction.EGRESS
        ? new CompiledRule.Peer(destination, destinationIp)
        : new CompiledRule.Peer(source, sourceIp);
  }

  int subjectFor(Direction side) {
    return side == Direction.EGRESS ? source : destination;
  }

  boolean nodeLocalFor(Direction side) {
    return side == Direction.EGRESS ? destinationIsSourceNode : sourceIsDestinationNode;
  }

  static int podIndex(Cluster cluster, Endpoint e) {
    if (!e.isPod()) {
      return -1;
    }
    int i = cluster.indexOf(e.namespace(), e.name());
    if (i < 0) {
      throw new IllegalArgumentException("unknown pod " + e);
    }
    return i;
  }

  /** A named connection port must exist on the destination pod with the connection's protocol. */
  private static int portNumber(Connection c, PodInfo dstPod) {
    Port port = c.port();
    if (!port.isNamed()) {
      return port.number();
    }
    if (dstPod == null) {
      throw new IllegalArgumentException(
          "port '"
              + port.name()
              + "' is a name, but destination "
              + c.destination()
              + " is not a pod, so it cannot be resolved");
    }
    return dstPod
        .port(port.name())
        .filter(p -> p.protocol() == c.protocol())
        .map(PodPort::port)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "pod "
                        + dstPod
                        + " has no "
                        + c.protocol()
                        + " container port named '"
                        + port.name()
                        + "'"));
  }

  /** Whether address {@code ip} is the node {@code pod} runs on (false when either is absent). */
  static boolean isNodeOf(IPAddress ip, PodInfo pod) {
    if (ip == null || pod == null || pod.hostIp() == null || pod.hostIp().isBlank()) {
      return false;
    }
    try {
      return Ip.address(pod.hostIp()).equals(ip);
    } catch (IllegalArgumentException e) {
      return false; // an unparsable hostIP names no node we can recognise
    }
  }
}
