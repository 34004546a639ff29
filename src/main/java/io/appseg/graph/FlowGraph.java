package io.appseg.graph;

import java.util.List;

/**
 * The intended flows of an AppSegmentation as a graph: tiers grouped by namespace, the outside
 * world (peers, CIDRs, anywhere, DNS, the metrics scraper) as external nodes, allowed connections
 * as labelled edges.
 */
public record FlowGraph(String title, List<Group> groups, List<Node> externals, List<Edge> edges) {

  public enum Kind {
    TIER,
    PODS,
    CIDR,
    ANYWHERE,
    DNS,
    MONITORING
  }

  public record Node(String id, String label, Kind kind) {}

  /** The tiers of one namespace. */
  public record Group(String namespace, List<Node> tiers) {}

  public record Edge(String from, String to, String label) {}
}
