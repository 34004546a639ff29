package io.appseg.cli;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.kube.ApiProblem;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What {@code plan --live} needs from the cluster beyond what the evaluator reads: the namespaces'
 * annotations (their grants) and the UIDs of the AppSegmentations of the input.
 */
final class LiveFacts {
  private LiveFacts() {}

  /** Every namespace, or only these. */
  static List<Namespace> namespaces(KubernetesClient client, Collection<String> names)
      throws InputException {
    try {
      return names.isEmpty()
          ? client.namespaces().list().getItems()
          : names.stream()
              .map(n -> client.namespaces().withName(n).get())
              .filter(Objects::nonNull)
              .toList();
    } catch (KubernetesClientException e) {
      throw problem("cannot read namespaces", client, e);
    }
  }

  /**
   * Gives each AppSegmentation the UID of the one of that namespace and name in the cluster; one
   * that is not there keeps its own (none, for a new app: it owns nothing yet).
   */
  static void identify(KubernetesClient client, List<AppSegmentation> segs) throws InputException {
    for (AppSegmentation seg : segs) {
      AppSegmentation live;
      try {
        live =
            client
                .resources(AppSegmentation.class)
                .inNamespace(seg.getMetadata().getNamespace())
                .withName(seg.getMetadata().getName())
                .get();
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          continue; // the CRD is not installed: no app exists there yet
        }
        throw problem("cannot read AppSegmentations", client, e);
      }
      if (live != null) {
        seg.getMetadata().setUid(live.getMetadata().getUid());
      }
    }
  }

  private static InputException problem(
      String what, KubernetesClient client, KubernetesClientException e) {
    return new InputException(
        what
            + ": "
            + ApiProblem.of(e, "the API server").detail()
            + " (server "
            + client.getMasterUrl()
            + ")");
  }
}
