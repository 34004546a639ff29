package io.appseg.netpol;

import com.fasterxml.jackson.databind.JsonNode;
import io.appseg.kube.ApiProblem;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@link Cluster} from a live API server: namespaces, pods and networking.k8s.io/v1
 * policies, either everywhere or in the given namespaces only. Restricted to namespaces,
 * namespaceSelectors can only match the loaded namespaces. Pods that have finished (Succeeded,
 * Failed) are left out: they take no traffic and their IPs may already belong to other pods.
 */
public final class LiveClusterLoader {
  private static final Set<String> FINISHED = Set.of("Succeeded", "Failed");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** Given in full: a cluster that does not serve the API has no discovery entry to find it by. */
  private static final ResourceDefinitionContext CLUSTER_POLICIES =
      new ResourceDefinitionContext.Builder()
          .withGroup("policy.networking.k8s.io")
          .withVersion("v1alpha2")
          .withKind(ClusterPolicyReader.KIND)
          .withPlural("clusternetworkpolicies")
          .withNamespaced(false)
          .build();

  private LiveClusterLoader() {}

  /**
   * @param namespaces the namespaces to read; empty means all
   */
  public static LoadResult load(KubernetesClient client, Collection<String> namespaces) {
    try {
      return namespaces.isEmpty() ? loadAll(client) : loadSome(client, namespaces);
    } catch (KubernetesClientException e) {
      throw new InvalidInputException(
          List.of("cannot read the cluster: " + ApiProblem.of(e, "the API server").detail()));
    }
  }

  private static LoadResult loadAll(KubernetesClient client) {
    List<Namespace> ns = client.namespaces().list().getItems();
    List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
    List<NetworkPolicy> policies =
        client.network().v1().networkPolicies().inAnyNamespace().list().getItems();
    return result(ns, pods, policies, clusterPolicies(client));
  }

  private static LoadResult loadSome(KubernetesClient client, Collection<String> names) {
    List<Namespace> ns = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    List<NetworkPolicy> policies = new ArrayList<>();
    for (String name : names) {
      Namespace namespace = client.namespaces().withName(name).get();
      if (namespace == null) {
        throw new InvalidInputException(List.of("namespace " + name + " not found"));
      }
      ns.add(namespace);
      pods.addAll(client.pods().inNamespace(name).list().getItems());
      policies.addAll(client.network().v1().networkPolicies().inNamespace(name).list().getItems());
    }
    return result(ns, pods, policies, clusterPolicies(client));
  }

  /** Read as generic resources: a cluster that does not serve the API simply has none. */
  private static List<ClusterPolicy> clusterPolicies(KubernetesClient client) {
    List<GenericKubernetesResource> items;
    try {
      items = client.genericKubernetesResources(CLUSTER_POLICIES).list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of();
      }
      throw e;
    }
    List<String> problems = new ArrayList<>();
    List<ClusterPolicy> policies = new ArrayList<>();
    for (GenericKubernetesResource item : items) {
      ClusterPolicy p =
          ClusterPolicyReader.read(SERIALIZATION.convertValue(item, JsonNode.class), problems);
      if (p != null) {
        policies.add(p);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return policies;
  }

  private static LoadResult result(
      List<Namespace> ns,
      List<Pod> pods,
      List<NetworkPolicy> policies,
      List<ClusterPolicy> clusterPolicies) {
    List<String> notes = new ArrayList<>();
    List<Pod> running = new ArrayList<>();
    for (Pod p : pods) {
      String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
      if (phase != null && FINISHED.contains(phase)) {
        notes.add(
            "skipped pod "
                + Snapshots.namespaceOf(p)
                + "/"
                + Snapshots.nameOf(p)
                + " ("
                + phase
                + ")");
      } else {
        running.add(p);
      }
    }
    return new LoadResult(
        Cluster.of(ns, running, policies).withClusterPolicies(clusterPolicies), notes);
  }
}
