package io.appseg.graph;

import io.appseg.graph.FlowGraph.Edge;
import io.appseg.graph.FlowGraph.Group;
import io.appseg.graph.FlowGraph.Node;
import java.util.List;

/**
 * Writes a FlowGraph as Mermaid (renders in GitHub/GitLab markdown) or Graphviz DOT. Node ids are
 * made here from validated tier names and counters; every label is a quoted string with all but
 * plain characters written as entities, so no spec can add a node, an edge or a directive ({@code
 * click}, {@code style}) to a diagram.
 */
public final class GraphWriter {

  public static String mermaid(FlowGraph g) {
    StringBuilder out = new StringBuilder("flowchart LR\n");
    mermaidBody(out, g, "", "  ");
    return out.toString();
  }

  /**
   * One Mermaid diagram for many apps: each app is a subgraph titled with its namespace/name, its
   * node ids prefixed so that two apps' tiers or DNS nodes stay apart.
   */
  public static String mermaid(List<FlowGraph> graphs) {
    if (graphs.size() == 1) {
      return mermaid(graphs.get(0));
    }
    StringBuilder out = new StringBuilder("flowchart LR\n");
    for (int i = 0; i < graphs.size(); i++) {
      String app = "app" + i;
      out.append("  subgraph ")
          .append(app)
          .append("[\"AppSegmentation ")
          .append(esc(graphs.get(i).title()))
          .append("\"]\n");
      mermaidBody(out, graphs.get(i), app + "_", "    ");
      out.append("  end\n");
    }
    return out.toString();
  }

  private static void mermaidBody(StringBuilder out, FlowGraph g, String prefix, String indent) {
    int i = 0;
    for (Group group : g.groups()) {
      out.append(indent)
          .append("subgraph ")
          .append(prefix)
          .append("ns")
          .append(i++)
          .append("[\"namespace ")
          .append(esc(group.namespace()))
          .append("\"]\n");
      for (Node t : group.tiers()) {
        out.append(indent).append("  ").append(prefix).append(t.id());
        out.append("[\"").append(esc(t.label())).append("\"]\n");
      }
      out.append(indent).append("end\n");
    }
    for (Node n : g.externals()) {
      out.append(indent).append(prefix).append(n.id());
      out.append("([\"").append(esc(n.label())).append("\"])\n");
    }
    for (Edge e : g.edges()) {
      out.append(indent).append(prefix).append(e.from()).append(" -->|\"");
      out.append(esc(e.label())).append("\"| ").append(prefix).append(e.to()).append('\n');
    }
  }

  public static String dot(FlowGraph g) {
    return dot(List.of(g));
  }

  /**
   * One DOT graph ({@code dot} draws only the first graph of a file): with many apps, each is a
   * cluster titled with its namespace/name, its node ids prefixed.
   */
  public static String dot(List<FlowGraph> graphs) {
    boolean one = graphs.size() == 1;
    String title = one ? graphs.get(0).title() : "AppSegmentations";
    StringBuilder out =
        new StringBuilder(
            "digraph \""
                + dotEsc(title)
                + "\" {\n  rankdir=LR;\n"
                + "  node [fontname=\"Helvetica\"]; edge [fontname=\"Helvetica\", fontsize=10];\n");
    for (int i = 0; i < graphs.size(); i++) {
      if (one) {
        dotBody(out, graphs.get(i), "", "  ");
        continue;
      }
      String app = "app" + i;
      out.append("  subgraph cluster_").append(app).append(" {\n");
      out.append("    label=\"AppSegmentation ").append(dotEsc(graphs.get(i).title()));
      out.append("\";\n");
      dotBody(out, graphs.get(i), app + "_", "    ");
      out.append("  }\n");
    }
    return out.append("}\n").toString();
  }

  private static void dotBody(StringBuilder out, FlowGraph g, String prefix, String indent) {
    int i = 0;
    for (Group group : g.groups()) {
      out.append(indent).append("subgraph cluster_").append(prefix).append(i++).append(" {\n");
      out.append(indent).append("  label=\"namespace ").append(dotEsc(group.namespace()));
      out.append("\";\n");
      for (Node t : group.tiers()) {
        out.append(indent).append("  ").append(prefix).append(t.id());
        out.append(" [label=\"").append(dotEsc(t.label())).append("\", shape=box];\n");
      }
      out.append(indent).append("}\n");
    }
    for (Node n : g.externals()) {
      out.append(indent).append(prefix).append(n.id());
      out.append(" [label=\"").append(dotEsc(n.label())).append("\", shape=ellipse];\n");
    }
    for (Edge e : g.edges()) {
      out.append(indent).append(prefix).append(e.from()).append(" -> ").append(prefix);
      out.append(e.to()).append(" [label=\"").append(dotEsc(e.label())).append("\"];\n");
    }
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
