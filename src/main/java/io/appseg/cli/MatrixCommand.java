package io.appseg.cli;

import io.appseg.netpol.Cluster;
import io.appseg.netpol.Endpoint;
import io.appseg.netpol.Matrix;
import io.appseg.netpol.NetworkPolicyEvaluator;
import io.appseg.netpol.PodInfo;
import io.appseg.netpol.Port;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code appseg matrix}: who may connect to whom on one port, as a pods x pods table ({@code Y}
 * allowed, {@code .} denied, {@code -} a pod to itself) or as JSON (the evaluator's Matrix). With
 * {@code --tiers}, the table is tiers x tiers for each AppSegmentation of the input: one
 * synthesized pod per tier, evaluated against the policies the AppSegmentation renders to; the
 * diagonal then says whether two pods of a tier may talk.
 *
 * <pre>
 * $ appseg matrix --tiers -f samples/01-three-tier.yaml --port 8080
 * # AppSegmentation production/three-tier: one pod per tier
 * port 8080/TCP: Y = allowed, . = denied; rows are sources, columns destinations
 *                         1 2 3
 * 1 production/frontend   . Y .
 * 2 production/backend    . . .
 * 3 production/database   . . .
 * </pre>
 */
@Command(
    name = "matrix",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Print who may connect to whom on one port: pods x pods, or tiers x tiers of AppSegmentations.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:table printed", "1:invalid input (errors on stderr)", "2:usage error"})
public final class MatrixCommand implements Callable<Integer> {

  enum Format {
    text,
    json
  }

  @Spec CommandSpec command;

  @Mixin ClusterOptions input;

  @Mixin PortOptions query;

  @Option(
      names = "--tiers",
      description = "Tiers x tiers of each AppSegmentation in the files, instead of pods.")
  boolean tiers;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description =
          "text (default) or json (the Matrix; with --tiers a list of {segmentation, matrix}).")
  Format format;

  @Override
  public Integer call() {
    input.validate();
    if (tiers && (input.live || !input.namespaces.isEmpty())) {
      throw new ParameterException(
          command.commandLine(),
          "--tiers reads AppSegmentations from files only; " + "it takes neither --live nor -n");
    }
    PrintWriter err = command.commandLine().getErr();
    PrintWriter out = command.commandLine().getOut();
    try {
      Port port = query.port();
      if (tiers) {
        printTiers(TierMatrix.fromFiles(input.inputs, port, query.protocol, err), out, err);
      } else {
        printPods(podMatrix(ClusterInput.load(input, System.in, err), port), out, err);
      }
      out.flush();
      return 0;
    } catch (InputException e) {
      e.print(err);
      return 1;
    }
  }

  private Matrix podMatrix(Cluster cluster, Port port) throws InputException {
    List<Endpoint> pods =
        cluster.pods().stream()
            .filter(p -> input.namespaces.isEmpty() || input.namespaces.contains(p.namespace()))
            .map(PodInfo::endpoint)
            .toList();
    if (pods.isEmpty()) {
      throw new InputException(
          "no pods to tabulate" + (input.namespaces.isEmpty() ? "" : " in " + input.namespaces));
    }
    return NetworkPolicyEvaluator.matrix(cluster, pods, port, query.protocol);
  }

  private void printPods(Matrix matrix, PrintWriter out, PrintWriter err) {
    matrix.notes().forEach(n -> err.println("note: " + n));
    if (format == Format.json) {
      JsonOutput.print(out, matrix);
    } else {
      MatrixTable.lines(matrix, labels(matrix), true).forEach(out::println);
    }
  }

  private void printTiers(List<TierMatrix> tables, PrintWriter out, PrintWriter err) {
    tables.forEach(
        t -> t.matrix().notes().forEach(n -> err.println("note: " + t.segmentation() + ": " + n)));
    if (format == Format.json) {
      JsonOutput.print(out, tables);
      return;
    }
    for (TierMatrix t : tables) {
      if (t != tables.get(0)) {
        out.println();
      }
      out.println("# AppSegmentation " + t.segmentation() + ": one pod per tier");
      MatrixTable.lines(t.matrix(), labels(t.matrix()), false).forEach(out::println);
    }
  }

  private static List<String> labels(Matrix matrix) {
    List<String> labels = new ArrayList<>();
    matrix.pods().forEach(p -> labels.add(p.toString()));
    return labels;
  }
}
