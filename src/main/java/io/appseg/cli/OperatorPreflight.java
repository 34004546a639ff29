package io.appseg.cli;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.CrdConstants;
import io.appseg.kube.ApiProblem;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import java.util.Set;

/**
 * What stops the operator before it starts, asked once and at once (no retries): can the API server
 * be reached, with these credentials, does it serve the CRD, may we list what the operator watches.
 * Each problem is one line that says what to do; without this the informers retry for minutes and
 * end in a stack trace.
 */
final class OperatorPreflight {
  private static final ListOptions ONE = new ListOptionsBuilder().withLimit(1L).build();

  /** The first problem, or empty when the operator can start. */
  static Optional<String> problem(Config kube, Set<String> watchNamespaces) {
    Config once = new ConfigBuilder(kube).withRequestRetryBackoffLimit(0).build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(once).build()) {
      if (watchNamespaces.isEmpty()) {
        client.resources(AppSegmentation.class).inAnyNamespace().list(ONE);
        client.network().v1().networkPolicies().inAnyNamespace().list(ONE);
      } else {
        for (String ns : watchNamespaces) {
          client.resources(AppSegmentation.class).inNamespace(ns).list(ONE);
          client.network().v1().networkPolicies().inNamespace(ns).list(ONE);
        }
      }
      client.namespaces().list(ONE);
      return Optional.empty();
    } catch (KubernetesClientException e) {
      return Optional.of(sentence(ApiProblem.of(e, "the API server at " + kube.getMasterUrl())));
    }
  }

  private static String sentence(ApiProblem p) {
    return switch (p.kind()) {
      case UNREACHABLE ->
          p.detail()
              + "; check that the cluster is running and that the kubeconfig (KUBECONFIG or"
              + " ~/.kube/config, its current context) points at it";
      case UNAUTHORIZED -> p.detail() + "; log in again or renew the kubeconfig's credentials";
      case FORBIDDEN ->
          "access denied: "
              + p.detail()
              + "; bind the operator's ClusterRole (config/rbac, or install the Helm chart) to"
              + " this identity";
      case NOT_FOUND ->
          "the "
              + CrdConstants.KIND
              + " CRD ("
              + CrdConstants.CRD_NAME
              + ") is not installed in this cluster; install it with: kubectl apply"
              + " --server-side -k crds/ (the Helm chart installs it too)";
      case OTHER -> "cannot start: " + p.detail();
    };
  }

  private OperatorPreflight() {}
}
