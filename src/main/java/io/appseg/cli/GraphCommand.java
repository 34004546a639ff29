package io.appseg.cli;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.graph.FlowGraph;
import io.appseg.graph.FlowGraphBuilder;
import io.appseg.graph.GraphWriter;
import io.appseg.kube.ApiProblem;
import io.appseg.plan.PlanDefaults;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code appseg graph}: the intended flows of AppSegmentations, from files or a live cluster, as
 * Mermaid or DOT.
 */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Draw the flows of AppSegmentations: tiers grouped by namespace, external peers, DNS, monitoring.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:drawn", "1:invalid input or none found (errors on stderr)", "2:usage error"})
public final class GraphCommand implements Callable<Integer> {

  enum Format {
    mermaid,
    dot
  }

  @Spec CommandSpec command;

  @Mixin ClusterOptions input;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "mermaid",
      description = "mermaid (default) or dot.")
  Format format;

  @Option(
      names = "--split",
      description =
          "One diagram per AppSegmentation, one after the other (default: one diagram, a subgraph"
              + " per app, since Mermaid and dot draw only the first of several).")
  boolean split;

  private String draw(List<FlowGraph> graphs) {
    return format == Format.dot ? GraphWriter.dot(graphs) : GraphWriter.mermaid(graphs);
  }

  @Override
  public Integer call() {
    input.validate();
    PrintWriter err = command.commandLine().getErr();
    PrintWriter out = command.commandLine().getOut();
    List<Document> documents;
    try {
      documents = new ArrayList<>(new InputReader(System.in).read(input.inputs));
      if (input.live) {
        documents.addAll(fromCluster());
      }
    } catch (InputException e) {
      e.print(err);
      return 1;
    }
    Segmentations.Result result = Segmentations.load(documents, "default", err);
    if (result.invalid() > 0) {
      err.printf("error: %d invalid AppSegmentation(s); nothing drawn%n", result.invalid());
      return 1;
    }
    if (result.valid().isEmpty()) {
      err.println("error: no AppSegmentation found");
      return 1;
    }
    List<FlowGraph> graphs =
        result.valid().stream()
            .map(p -> new FlowGraphBuilder(PlanDefaults.STANDARD).build(p.segmentation()))
            .toList();
    if (split) {
      graphs.forEach(g -> out.print(draw(List.of(g))));
    } else {
      out.print(draw(graphs));
    }
    out.flush();
    return 0;
  }

  /**
   * The cluster's AppSegmentations (all namespaces, or those given with -n), as documents named by
   * their place.
   */
  private List<Document> fromCluster() throws InputException {
    try (KubernetesClient client = input.connect()) {
      try {
        return documents(client);
      } catch (KubernetesClientException e) {
        throw new InputException(
            "cannot read AppSegmentations from the cluster: "
                + ApiProblem.of(e, "the API server at " + client.getMasterUrl()).detail());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private List<Document> documents(KubernetesClient client) {
    List<AppSegmentation> found = new ArrayList<>();
    var resources = client.resources(AppSegmentation.class);
    if (input.namespaces.isEmpty()) {
      found.addAll(resources.inAnyNamespace().list().getItems());
    } else {
      input.namespaces.forEach(ns -> found.addAll(resources.inNamespace(ns).list().getItems()));
    }
    return found.stream()
        .map(
            s ->
                new Document(
                    "cluster " + s.getMetadata().getNamespace() + "/" + s.getMetadata().getName(),
                    0,
                    false,
                    Serialization.jsonMapper().convertValue(s, Map.class)))
        .toList();
  }
}
