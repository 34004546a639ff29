package io.appseg.graph;

import io.appseg.graph.FlowGraph.Edge;
import io.appseg.graph.FlowGraph.Group;
import io.appseg.graph.FlowGraph.Node;

/**
 * Writes a FlowGraph as Mermaid (renders in GitHub/GitLab markdown) or Graphviz DOT. Node ids are
 * made here from validated tier names and counters; every label is a quoted string with all but
 * plain characters written as entities, so no spec can add a node, an edge or a directive ({@code
 * click}, {@code style}) to a diagram.
 */
public final class GraphWriter {

  public static String mermaid(FlowGraph g) {
    StringBuilder out = new StringBuilder("flowchart LR\n");
    int i = 0;
    for (Group group : g.groups()) {
      out.append("  subgraph ns")
          .append(i++)
          .append("[\"namespace ")
          .append(esc(group.namespace()))
          .append("\"]\n");
      group
          .tiers()
          .forEach(
              t ->
                  out.append("    ")
                      .append(t.id())
                      .append("[\"")
                      .append(esc(t.label()))
                      .append("\"]\n"));
      out.append("  end\n");
    }
    for (Node n : g.externals()) {
      out.append("  ").append(n.id()).append("([\"").append(esc(n.label())).append("\"])\n");
    }
    for (Edge e : g.edges()) {
      out.append("  ")
          .append(e.from())
          .append(" -->|\"")
          .append(esc(e.label()))
          .append("\"| ")
          .append(e.to())
          .append('\n');
    }
    return out.toString();
  }

  public static String dot(FlowGraph g) {
    StringBuilder out =
        new StringBuilder(
            "digraph \""
                + dotEsc(g.title())
                + "\" {\n  rankdir=LR;\n"
                + "  node [fontname=\"Helvetica\"]; edge [fontname=\"Helvetica\", fontsize=10];\n");
    int i = 0;
    for (Group group : g.groups()) {
      out.append("  subgraph cluster_")
          .append(i++)
          .append(" {\n    label=\"namespace ")
          .append(dotEsc(group.namespace()))
          .append("\";\n");
      group
          .tiers()
          .forEach(
              t ->
                  out.append("    ")
                      .append(t.id())
                      .append(" [label=\"")
                      .append(dotEsc(t.label()))
                      .append("\", shape=box];\n"));
      out.append("  }\n");
    }
    for (Node n : g.externals()) {
      out.append("  ")
          .append(n.id())
          .append(" [label=\"")
          .append(dotEsc(n.label()))
          .append("\", shape=ellipse];\n");
    }
    for (Edge e : g.edges()) {
      out.append("  ")
          .append(e.from())
          .append(" -> ")
          .append(e.to())
          .append(" [label=\"")
          .append(dotEsc(e.label()))
          .append("\"];\n");
    }
    return out.append("}\n").toString();
  }

  /**
   * Characters a label may hold as they are: never a quote, entity, markup, edge-label bar or line
   * end.
   */
  private static final String PLAIN_PUNCTUATION = " -_./:,;=()+*@";

  /**
   * Mermaid labels are quoted strings where {@code #NN;} is a character entity; everything else is
   * escaped so.
   */
  private static String esc(String s) {
    return escape(s, "#", ";");
  }

  /**
   * DOT strings take {@code &#NN;} entities; a quote, a backslash or a line end can never get
   * through.
   */
  private static String dotEsc(String s) {
    return escape(s, "&#", ";");
  }

  private static String escape(String s, String open, String close) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              boolean plain =
                  c < 128 && (Character.isLetterOrDigit(c) || PLAIN_PUNCTUATION.indexOf(c) >= 0);
              if (plain) {
                out.appendCodePoint(c);
              } else {
                out.append(open).append(c).append(close);
              }
            });
    return out.toString();
  }

  private GraphWriter() {}
}
