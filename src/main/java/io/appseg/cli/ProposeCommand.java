package io.appseg.cli;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.flows.FlowLog;
import io.appseg.flows.Grouping;
import io.appseg.flows.ObservedCluster;
import io.appseg.flows.ProposalException;
import io.appseg.flows.ProposalYaml;
import io.appseg.flows.Proposer;
import io.appseg.kube.Identifiers;
import io.appseg.netpol.InvalidInputException;
import io.appseg.plan.PlanDefaults;
import io.appseg.text.Escape;
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
 * {@code appseg propose --flows FILE... -n NAMESPACE}: an AppSegmentation in Audit mode that allows
 * the observed flows of the namespace's pods, with a comment per flow saying how many observations
 * back it. With {@code --base}, the smallest change to an earlier one.
 */
@Command(
    name = "propose",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Propose an AppSegmentation (Audit mode) that allows exactly the observed flows of a "
            + "namespace's pods.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:proposed",
      "1:invalid input or no proposal (errors on stderr)",
      "2:usage error"
    })
public final class ProposeCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Mixin FlowFiles flows;

  @Option(
      names = {"-n", "--namespace"},
      required = true,
      paramLabel = "NS",
      description = "The app's namespace: its pods become the tiers.")
  String namespace;

  @Option(
      names = "--name",
      defaultValue = "observed",
      description = "metadata.name of the AppSegmentation (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(
      names = "--group-by",
      defaultValue = Grouping.OWNER,
      paramLabel = "owner|LABEL-KEY",
      description = "Tiers by workload owner (default) or by the value of a label.")
  String groupBy;

  @Option(
      names = "--base",
      paramLabel = "FILE",
      description =
          "An earlier proposal (or any AppSegmentation): change only what the flows need.")
  String base;

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE|DIR|-",
      description = "Pods and Namespaces (their labels) for ends the records name without labels.")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--live", description = "Read pods and namespaces from the current cluster.")
  boolean live;

  @Override
  public Integer call() {
    PrintWriter err = command.commandLine().getErr();
    Grouping grouping = usage();
    try {
      FlowFiles.Read read = flows.read(err);
      ClusterOptions options = new ClusterOptions();
      options.inputs = inputs;
      options.live = live;
      ObservedCluster world = observed(ClusterInput.whatIf(options, System.in, err), read.log());
      Proposer.Proposal p =
          new Proposer(PlanDefaults.STANDARD)
              .propose(read.log(), world, namespace, name, grouping, base());
      long total = read.files().stream().mapToLong(s -> s.observations()).sum();
      String header =
          "Proposed by appseg propose from "
              + read.files().size()
              + " flow file(s), "
              + total
              + " observed flows. Audit mode: nothing is enforced until spec.mode is Enforce.";
      command.commandLine().getOut().print(ProposalYaml.write(p, header));
      command.commandLine().getOut().flush();
      return 0;
    } catch (InputException e) {
      e.print(err);
      return 1;
    } catch (ProposalException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  private Grouping usage() {
    if (!Identifiers.isDnsLabel(namespace)) {
      throw new ParameterException(
          command.commandLine(),
          "-n: " + Escape.quote(namespace) + " " + Identifiers.DNS_LABEL_RULE);
    }
    if (!Identifiers.isDnsSubdomain(name, Identifiers.DNS_LABEL_MAX)) {
      throw new ParameterException(
          command.commandLine(),
          "--name: "
              + Escape.quote(name)
              + " "
              + Identifiers.dnsSubdomainRule(Identifiers.DNS_LABEL_MAX));
    }
    try {
      return Grouping.parse(groupBy);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }

  private static ObservedCluster observed(ClusterInput.WhatIf whatIf, FlowLog log)
      throws InputException {
    try {
      return ObservedCluster.of(whatIf.cluster(), log);
    } catch (InvalidInputException e) {
      throw new InputException(e.problems());
    }
  }

  private AppSegmentation base() throws InputException {
    if (base == null) {
      return null;
    }
    PrintWriter err = command.commandLine().getErr();
    Segmentations.Result result =
        Segmentations.load(new InputReader(System.in).read(List.of(base)), namespace, err);
    if (result.invalid() > 0 || result.valid().size() != 1) {
      throw new InputException(
          Escape.visible(base) + ": --base must hold exactly one valid AppSegmentation");
    }
    return result.valid().get(0).segmentation();
  }
}
