package io.appseg.cli;

import io.appseg.diff.DiffReport;
import io.appseg.diff.DiffReport.AppChanges;
import io.appseg.diff.DiffReport.PairChange;
import io.appseg.graph.FlowGraph;
import io.appseg.graph.GraphWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code appseg diff -o mermaid}: the changed connections as edges between the groups they join,
 * each label marked {@code +} for opened and {@code -} for closed ports. Written by {@link
 * GraphWriter}, whose labels are entity-escaped, so no name can add a node, an edge or a directive.
 */
final class DiffGraph {
  private DiffGraph() {}

  static String mermaid(DiffReport r) {
    Map<String, FlowGraph.Node> nodes = new LinkedHashMap<>();
    List<FlowGraph.Edge> edges = new ArrayList<>();
    for (AppChanges app : r.apps()) {
      for (PairChange c : app.changes()) {
        String from = node(nodes, c.from()).id();
        String to = node(nodes, c.to()).id();
        edges.add(
            new FlowGraph.Edge(
                from, to, DiffText.word(c.kind()).strip() + " " + DiffText.ports(c)));
      }
    }
    return GraphWriter.mermaid(
        new FlowGraph(r.base() + " to " + r.head(), List.of(), List.copyOf(nodes.values()), edges));
  }

  /** Ids are counters, never names: only labels carry what a spec says. */
  private static FlowGraph.Node node(Map<String, FlowGraph.Node> nodes, String label) {
    return nodes.computeIfAbsent(
        label, l -> new FlowGraph.Node("ext" + nodes.size(), l, FlowGraph.Kind.PODS));
  }
}
