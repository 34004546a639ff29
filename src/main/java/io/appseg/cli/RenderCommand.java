package io.appseg.cli;

import io.appseg.api.v1alpha1.Mode;
import io.appseg.plan.Labels;
import io.appseg.plan.Manifests;
import io.appseg.plan.Plan;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
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
 * {@code appseg render}: AppSegmentations in, the NetworkPolicies the operator would write out, as
 * YAML or JSON that {@code kubectl apply -f -} accepts. All or nothing: when any input is invalid
 * nothing is printed on stdout (a partial set piped into kubectl would be a half-applied plan)
 * unless --skip-invalid says otherwise.
 */
@Command(
    name = "render",
    description = "Print the NetworkPolicies generated from AppSegmentation manifests.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:all input rendered", "1:invalid input (errors on stderr)", "2:usage error"})
public final class RenderCommand implements Callable<Integer> {

  enum Format {
    yaml,
    json
  }

  @Spec CommandSpec command;

  @Mixin SegmentationInput input;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "yaml",
      description = "yaml (multi-document) or json (a v1 List).")
  Format format;

  @Option(
      names = "--skip-invalid",
      description =
          "Render the valid AppSegmentations even when others are invalid (still exits 1).")
  boolean skipInvalid;

  @Override
  public Integer call() {
    PrintWriter err = command.commandLine().getErr();
    Segmentations.Result result = skipInvalid ? input.loadEach(err) : input.load(err);
    if (result == null) {
      return 1;
    }
    List<Segmentations.Planned> rendered = result.valid();
    int invalid = result.invalid();
    rendered.forEach(r -> notes(r.source(), r.plan(), err));
    if (invalid > 0 && !skipInvalid) {
      err.printf(
          "error: %d invalid AppSegmentation(s); nothing rendered (%d valid withheld). "
              + "Fix the errors above, or pass --skip-invalid to render the valid ones.%n",
          invalid, rendered.size());
      return 1;
    }
    if (rendered.isEmpty() && invalid == 0) {
      err.println("error: no AppSegmentation found in the input");
      return 1;
    }
    print(rendered, command.commandLine().getOut());
    if (invalid > 0) {
      err.printf(
          "error: %d invalid AppSegmentation(s) skipped; %d rendered.%n", invalid, rendered.size());
    }
    return invalid > 0 ? 1 : 0;
  }

  private static void notes(Document d, Plan plan, PrintWriter err) {
    if (!plan.foreignNamespaces().isEmpty()) {
      err.printf(
          "note: %s: %s/%s places policies in %s; each must carry the annotation "
              + Labels.GRANT_ANNOTATION
              + ": \"%s\" or the operator writes nothing; there it isolates only the tier pods"
              + " (rendered so), unless the namespace also accepts its namespace-wide default-deny"
              + " with "
              + Labels.NAMESPACE_DENY_ANNOTATION
              + "%n",
          d.where(),
          plan.segNamespace(),
          plan.segName(),
          String.join(", ", plan.foreignNamespaces()),
          plan.segNamespace());
    }
  }

  private void print(List<Segmentations.Planned> rendered, PrintWriter out) {
    if (format == Format.json) {
      List<NetworkPolicy> all =
          rendered.stream().flatMap(r -> r.plan().policies().stream()).toList();
      out.println(
          Serialization.asJson(
              new KubernetesListBuilder().withItems(new ArrayList<>(all)).build()));
    } else {
      for (Segmentations.Planned r : rendered) {
        out.print(header(r));
        out.print(Manifests.toYaml(r.plan().policies()));
      }
    }
    out.flush();
  }

  private static String header(Segmentations.Planned r) {
    Plan plan = r.plan();
    String audit =
        plan.mode() == Mode.Audit
            ? " (mode Audit: the operator reports these and writes none)"
            : "";
    return String.format(
        "# AppSegmentation %s/%s from %s: %d NetworkPolicies%s%n",
        plan.segNamespace(), plan.segName(), r.source().where(), plan.policies().size(), audit);
  }
}
