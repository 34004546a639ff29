package io.appseg.cli;

import io.appseg.plan.PlanDefaults;
import io.appseg.verify.ContextCheck;
import io.appseg.verify.ContextCheck.Gap;
import io.appseg.verify.ContextCheck.Kind;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code appseg check}: every AppSegmentation of the input judged with everything else in force, as
 * the operator judges it: the other AppSegmentations of the input (rendered), the NetworkPolicies
 * and ClusterNetworkPolicies of the files or of the live cluster. Prints, per app, the declared
 * connections the combined policies deny and the undeclared ones they allow, each with the objects
 * responsible.
 *
 * <pre>
 * $ appseg check -f samples/01-three-tier.yaml -f samples/02-database-isolation.yaml
 * production/three-tier: no gaps
 * production/postgresql: 2 declared connections denied, 0 undeclared allowed
 *   denied: spec.flows[0] production/flow-peer-0 -&gt; production/tier-postgresql-a:5432/TCP is denied by
 *   NetworkPolicy production/three-tier.default-deny
 *   ...
 * </pre>
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Judge each AppSegmentation with everything else in force: declared connections denied, "
            + "undeclared ones allowed.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no gaps",
      "1:invalid input (errors on stderr)",
      "2:usage error",
      "3:some app has gaps"
    })
public final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Mixin ClusterOptions input;

  @Option(
      names = "--max",
      defaultValue = "20",
      description = "Gaps listed per app and kind (default: ${DEFAULT-VALUE}).")
  int max;

  @Override
  public Integer call() {
    input.validate();
    PrintWriter err = command.commandLine().getErr();
    PrintWriter out = command.commandLine().getOut();
    try {
      ClusterInput.WhatIf whatIf = ClusterInput.whatIf(input, System.in, err);
      if (whatIf.segmentations().isEmpty()) {
        throw new InputException("no AppSegmentation found in the input");
      }
      ContextCheck check = new ContextCheck(PlanDefaults.STANDARD);
      boolean gaps = false;
      for (Segmentations.Planned p : whatIf.segmentations()) {
        List<Gap> found = check.check(p.segmentation(), p.plan(), whatIf.cluster());
        print(p, found, out);
        gaps |= !found.isEmpty();
      }
      out.flush();
      return gaps ? 3 : 0;
    } catch (InputException e) {
      e.print(err);
      return 1;
    }
  }

  private void print(Segmentations.Planned p, List<Gap> gaps, PrintWriter out) {
    String app = p.plan().segNamespace() + "/" + p.plan().segName();
    List<Gap> denied = gaps.stream().filter(g -> g.kind() == Kind.DENIED).toList();
    List<Gap> exposed = gaps.stream().filter(g -> g.kind() == Kind.EXPOSED).toList();
    if (gaps.isEmpty()) {
      out.println(app + ": no gaps");
      return;
    }
    out.printf(
        "%s: %d declared connection%s denied, %d undeclared allowed%n",
        app, denied.size(), denied.size() == 1 ? "" : "s", exposed.size());
    list("denied", denied, out);
    list("exposed", exposed, out);
  }

  private void list(String label, List<Gap> gaps, PrintWriter out) {
    gaps.stream().limit(max).forEach(g -> out.println("  " + label + ": " + g));
    if (gaps.size() > max) {
      out.printf("  ... and %d more%n", gaps.size() - max);
    }
  }
}
