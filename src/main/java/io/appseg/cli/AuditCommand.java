package io.appseg.cli;

import io.appseg.flows.FlowAudit;
import io.appseg.flows.ObservedCluster;
import io.appseg.flows.ReadStats;
import io.appseg.netpol.InvalidInputException;
import io.appseg.plan.PlanDefaults;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code appseg audit --flows FILE... -f app.yaml}: observed flows judged against each
 * AppSegmentation's plan in context, as the operator would judge them once it enforces: the flows
 * the plan would deny, grouped by pair of ends and port, with the spec change that admits them, and
 * the declared flows that nothing used.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Judge observed flows (Hubble, Calico/Goldmane, CSV) against each AppSegmentation: the "
            + "flows its plan would deny, and the declared flows never observed.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:judged (and --fail-on not met)",
      "1:invalid input (errors on stderr)",
      "2:usage error",
      "3:some observed flow would be denied (with --fail-on denied)"
    })
public final class AuditCommand implements Callable<Integer> {
  enum Format {
    text,
    markdown,
    json
  }

  enum FailOn {
    denied
  }

  @Spec CommandSpec command;

  @Mixin FlowFiles flows;

  @Mixin ClusterOptions input;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "text (default), markdown (a pull-request comment) or json.")
  Format format;

  @Option(
      names = "--fail-on",
      paramLabel = "denied",
      description = "Exit 3 when an observed flow would be denied.")
  FailOn failOn;

  @Option(
      names = "--max",
      defaultValue = "20",
      description =
          "Denied groups listed per app in text and markdown (default: ${DEFAULT-VALUE}).")
  int max;

  @Override
  public Integer call() {
    input.validate();
    PrintWriter err = command.commandLine().getErr();
    PrintWriter out = command.commandLine().getOut();
    try {
      FlowFiles.Read read = flows.read(err);
      ClusterInput.WhatIf whatIf = ClusterInput.whatIf(input, System.in, err);
      if (whatIf.segmentations().isEmpty()) {
        throw new InputException("no AppSegmentation found in the input");
      }
      ObservedCluster world = observed(whatIf, read);
      world.unlabelled().stream()
          .limit(5)
          .forEach(
              p ->
                  err.println(
                      "note: pod "
                          + p
                          + " is known only by name (no labels): give its manifest with -f or use"
                          + " --live"));
      FlowAudit audit = new FlowAudit(PlanDefaults.STANDARD);
      List<FlowAudit.Report> reports = new ArrayList<>();
      for (Segmentations.Planned p : whatIf.segmentations()) {
        reports.add(audit.audit(p.segmentation(), p.plan(), world, read.log()));
      }
      print(out, read.files(), reports);
      out.flush();
      boolean denied = reports.stream().anyMatch(r -> !r.clean());
      return failOn == FailOn.denied && denied ? 3 : 0;
    } catch (InputException e) {
      e.print(err);
      return 1;
    }
  }

  private static ObservedCluster observed(ClusterInput.WhatIf whatIf, FlowFiles.Read read)
      throws InputException {
    try {
      return ObservedCluster.of(whatIf.cluster(), read.log());
    } catch (InvalidInputException e) {
      throw new InputException(e.problems());
    }
  }

  private void print(PrintWriter out, List<ReadStats> files, List<FlowAudit.Report> reports) {
    switch (format) {
      case json -> {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("files", files.stream().map(AuditCommand::fileJson).toList());
        doc.put("apps", reports);
        JsonOutput.print(out, doc);
      }
      case markdown -> reports.forEach(r -> AuditText.markdown(r, max, out));
      case text -> reports.forEach(r -> AuditText.text(r, max, out));
    }
  }

  private static Map<String, Object> fileJson(ReadStats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", s.source());
    m.put("lines", s.lines());
    m.put("flows", s.observations());
    m.put("skipped", s.skipped());
    m.put("broken", s.broken());
    return m;
  }
}
