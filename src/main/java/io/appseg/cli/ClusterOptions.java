package io.appseg.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where {@code explain} and {@code matrix} read the cluster from: manifests, a live cluster, or
 * both (what-if).
 */
final class ClusterOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE|DIR|-",
      description =
          "Namespaces, Pods, NetworkPolicies and AppSegmentations (rendered and added: what-if). "
              + "File, directory (recursive) or - for stdin. Repeatable.")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--live",
      description = "Read namespaces, pods and NetworkPolicies from the current cluster.")
  boolean live;

  @Option(
      names = "--kubeconfig",
      paramLabel = "PATH",
      description =
          "With --live: this kubeconfig file "
              + "instead of the default resolution ($KUBECONFIG, ~/.kube/config, in-cluster).")
  Path kubeconfig;

  @Option(
      names = "--context",
      description = "With --live: this kubeconfig context instead of the current one.")
  String context;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description =
          "Only these namespaces. With --live, the namespaces read (namespaceSelectors then see only "
              + "these); for matrix, the pods tabulated. Repeatable.")
  List<String> namespaces = new ArrayList<>();

  /** Usage errors (exit 2): nothing to read, or live-only options without --live. */
  void validate() {
    if (inputs.isEmpty() && !live) {
      throw new ParameterException(command.commandLine(), "Give -f FILE|DIR|- or --live (or both)");
    }
    if (!live && (kubeconfig != null || context != null)) {
      throw new ParameterException(command.commandLine(), "--kubeconfig and --context need --live");
    }
  }

  /** A client for --live, from the given or the default kubeconfig. */
  KubernetesClient connect() throws InputException {
    if (kubeconfig != null && !Files.isRegularFile(kubeconfig)) {
      throw new InputException(kubeconfig + ": no such kubeconfig file");
    }
    try {
      Config config =
          kubeconfig == null
              ? Config.autoConfigure(context)
              : Config.fromKubeconfig(context, kubeconfig.toFile());
      requireContext(config);
      config.setRequestRetryBackoffLimit(0); // a person waits: answer at once, with the cause
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (KubernetesClientException | IllegalArgumentException e) {
      throw new InputException("cannot configure the Kubernetes client: " + e.getMessage());
    }
  }

  /**
   * fabric8 falls back to the current context when the named one is missing: that would ask the
   * wrong cluster.
   */
  private void requireContext(Config config) throws InputException {
    if (context != null
        && config.getContexts().stream().noneMatch(c -> context.equals(c.getName()))) {
      throw new InputException(
          "context "
              + context
              + " not found in "
              + (kubeconfig == null ? "the kubeconfig" : kubeconfig));
    }
  }
}
