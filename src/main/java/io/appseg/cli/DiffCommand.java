package io.appseg.cli;

import io.appseg.diff.ConnectivityDiff;
import io.appseg.diff.DiffReport;
import io.appseg.diff.Revision;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.InvalidInputException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code appseg diff}: which connections a change to AppSegmentations opens and closes, per app and
 * pair of tiers (or peers), with the {@code spec.flows[i]} that allows each on either side; then
 * the generated policies created, changed and removed. A side is a file or directory, or a git ref
 * whose PATHs are read at that commit.
 *
 * <pre>
 * $ appseg diff --base origin/main --head HEAD samples/
 * connectivity origin/main -> HEAD: 1 opened, 0 closed, 0 with ports changed
 *
 * app production/three-tier
 *   opened  three-tier/frontend -> three-tier/database: +5432/TCP
 *       head allowed by spec.flows[2]
 * </pre>
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Show the connections a change opens and closes, and the generated policies it changes.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:compared (and --fail-on not met)",
      "1:invalid input (errors on stderr)",
      "2:usage error",
      "3:a change that --fail-on names"
    })
public final class DiffCommand implements Callable<Integer> {

  enum Format {
    text,
    markdown,
    json,
    mermaid
  }

  enum FailOn {
    opened,
    closed,
    any
  }

  @Spec CommandSpec command;

  @Option(
      names = "--base",
      required = true,
      paramLabel = "PATH|REF",
      description =
          "The version before: a file or directory, or a git ref (then PATHs are read at that commit).")
  String base;

  @Option(
      names = "--head",
      paramLabel = "PATH|REF",
      description = "The version after, as --base (default: PATHs as they are on disk).")
  String head;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description =
          "Files or directories read at a git ref (relative to --repo), and on disk for the default "
              + "--head (relative to the current directory).")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "The git repository refs are read from (default: the current directory).")
  Path repository;

  @Mixin ClusterOptions context;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "text (default), markdown (a pull-request comment), json or mermaid.")
  Format format;

  @Option(
      names = "--fail-on",
      paramLabel = "opened|closed|any",
      description = "Exit 3 when a connection opened, closed, or either.")
  FailOn failOn;

  @Override
  public Integer call() {
    PrintWriter err = command.commandLine().getErr();
    PrintWriter out = command.commandLine().getOut();
    try {
      InputStream stdin = Stdin.once(base, head, paths, context.inputs);
      RevisionReader reader = new RevisionReader(new GitTree(repository), paths, stdin);
      Revision before = reader.read("--base", base, err);
      Revision after = head == null ? reader.workingTree(err) : reader.read("--head", head, err);
      DiffReport report = ConnectivityDiff.compare(before, after, context(stdin, err));
      print(report, out);
      out.flush();
      return failed(report) ? 3 : 0;
    } catch (InputException e) {
      e.print(err);
      return 1;
    } catch (InvalidInputException e) {
      new InputException(e.problems()).print(err);
      return 1;
    }
  }

  /**
   * The pods, namespaces and policies both versions share: -f files, the live cluster, or nothing.
   */
  private Cluster context(InputStream stdin, PrintWriter err) throws InputException {
    if (context.inputs.isEmpty() && !context.live) {
      return Cluster.empty();
    }
    context.validate();
    return ClusterInput.load(context, stdin, err);
  }

  private void print(DiffReport report, PrintWriter out) {
    switch (format) {
      case json -> JsonOutput.print(out, report);
      case mermaid -> out.print(DiffGraph.mermaid(report));
      case markdown -> DiffMarkdown.lines(report).forEach(out::println);
      default -> DiffText.lines(report).forEach(out::println);
    }
  }

  private boolean failed(DiffReport report) {
    if (failOn == null) {
      return false;
    }
    return switch (failOn) {
      case opened -> report.anyOpened();
      case closed -> report.anyClosed();
      case any -> report.anyOpened() || report.anyClosed();
    };
  }
}
