package io.appseg.cli;

import io.appseg.netpol.InvalidInputException;
import io.appseg.operator.apply.PlanDifference;
import io.appseg.plan.Grants;
import io.appseg.plan.PlanDefaults;
import io.appseg.verify.ContextCheck;
import io.appseg.verify.ContextCheck.Changes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code appseg plan -f app.yaml --live}: what enforcing each AppSegmentation of the input would do
 * to the cluster as it is now, the same difference an Audit-mode app reports in {@code
 * status.audit}: the policies it would create, update and prune (leftovers of an earlier Enforce
 * included), the foreign objects holding its names, and the declared connections it would turn from
 * allowed to denied or back. Nothing is written.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "What enforcing each AppSegmentation would change in the cluster as it is (with --live, "
            + "the current one): policies created, updated, pruned, and declared connections "
            + "turned from allowed to denied or back. Writes nothing.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:enforcing would change nothing",
      "1:invalid input (errors on stderr)",
      "2:usage error",
      "3:enforcing would write, stop at a conflict or a missing grant, or change a connection"
    })
public final class PlanCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  @Spec CommandSpec command;

  @Mixin ClusterOptions input;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "text (default) or json (the fields of status.audit, unbounded).")
  Format format;

  @Override
  public Integer call() {
    input.validate();
    PrintWriter err = command.commandLine().getErr();
    PrintWriter out = command.commandLine().getOut();
    try {
      ClusterInput.AsIs asIs = ClusterInput.asIs(input, System.in, err);
      if (asIs.segmentations().isEmpty()) {
        throw new InputException("no AppSegmentation found in the input");
      }
      ContextCheck check = new ContextCheck(PlanDefaults.STANDARD);
      List<PlanReport> reports = new ArrayList<>();
      for (Segmentations.Planned p : asIs.segmentations()) {
        reports.add(report(p, asIs, check));
      }
      if (format == Format.json) {
        JsonOutput.print(out, reports);
      } else {
        reports.forEach(r -> r.print(out));
      }
      out.flush();
      return reports.stream().allMatch(PlanReport::unchanged) ? 0 : 3;
    } catch (InputException e) {
      e.print(err);
      return 1;
    }
  }

  private static PlanReport report(
      Segmentations.Planned p, ClusterInput.AsIs asIs, ContextCheck check) throws InputException {
    List<String> notGranted = Grants.missing(p.plan(), asIs.namespaces());
    PlanDifference difference =
        notGranted.isEmpty()
            ? PlanDifference.between(p.segmentation(), p.plan(), asIs.cluster().policies())
            : PlanDifference.none();
    Changes changes = new Changes(List.of(), 0);
    if (notGranted.isEmpty()) {
      try {
        changes = check.changes(p.segmentation(), p.plan(), asIs.cluster());
      } catch (InvalidInputException e) {
        throw new InputException(e.problems());
      }
    }
    return PlanReport.of(p.plan(), notGranted, difference, changes);
  }
}
