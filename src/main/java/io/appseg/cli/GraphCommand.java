package io.appseg.cli;

import io.appseg.graph.FlowGraph;
import io.appseg.graph.FlowGraphBuilder;
import io.appseg.graph.GraphWriter;
import io.appseg.plan.PlanDefaults;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code appseg graph}: the intended flows of AppSegmentations as Mermaid or Graphviz DOT. */
@Command(name = "graph", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Draw the flows of AppSegmentations: tiers grouped by namespace, external peers, DNS, monitoring.")
public final class GraphCommand implements Callable<Integer> {

  enum Format { mermaid, dot }

  @Spec
  CommandSpec command;

  @Mixin
  SegmentationInput input;

  @Option(names = {"-o", "--output"}, defaultValue = "mermaid", description = "mermaid (default) or dot.")
  Format format;

  @Override
  public Integer call() {
    PrintWriter err = command.commandLine().getErr();
    PrintWriter out = command.commandLine().getOut();
    Segmentations.Result result = input.load(err);
    if (result == null) {
      return 1;
    }
    if (result.invalid() > 0) {
      err.printf("error: %d invalid AppSegmentation(s); nothing drawn%n", result.invalid());
      return 1;
    }
    if (result.valid().isEmpty()) {
      err.println("error: no AppSegmentation found in the input");
      return 1;
    }
    for (Segmentations.Planned p : result.valid()) {
      FlowGraph graph = new FlowGraphBuilder(PlanDefaults.STANDARD).build(p.segmentation());
      out.print(format == Format.dot ? GraphWriter.dot(graph) : GraphWriter.mermaid(graph));
    }
    out.flush();
    return 0;
  }
}
