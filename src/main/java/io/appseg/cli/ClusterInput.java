package io.appseg.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.ClusterPolicy;
import io.appseg.netpol.InvalidInputException;
import io.appseg.netpol.LiveClusterLoader;
import io.appseg.netpol.LoadResult;
import io.appseg.netpol.ManifestLoader;
import io.appseg.netpol.PolicyRef;
import io.appseg.plan.NamespaceFacts;
import io.appseg.text.Words;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the cluster {@code explain} and {@code matrix} ask about. The base is the manifests, or
 * the live cluster with --live; NetworkPolicies from files (with --live) and the policies rendered
 * from AppSegmentations are then applied on top, replacing policies of the same namespace and name
 * as the operator would: a what-if.
 */
final class ClusterInput {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Set<String> CLUSTER_KINDS =
      Set.of("Pod", "Namespace", "PodList", "NamespaceList");

  private ClusterInput() {}

  /** The cluster to ask about and the AppSegmentations of the input that are part of it. */
  record WhatIf(Cluster cluster, List<Segmentations.Planned> segmentations) {}

  /** The cluster as it is, what its namespaces say, and the input's apps planned in it. */
  record AsIs(
      Cluster cluster,
      Map<String, NamespaceFacts> namespaces,
      List<Segmentations.Planned> segmentations) {}

  static Cluster load(ClusterOptions options, InputStream stdin, PrintWriter err)
      throws InputException {
    return whatIf(options, stdin, err).cluster();
  }

  static WhatIf whatIf(ClusterOptions options, InputStream stdin, PrintWriter err)
      throws InputException {
    Input input = Input.read(options, stdin, err);
    List<Document> others = input.others();
    try {
      LoadResult files = files(others);
      Cluster base = options.live ? live(options, others, err) : files.cluster();
      files.notes().forEach(n -> err.println("note: " + n));
      Segmentations.Result segmentations = input.alone().among(base.policies());
      List<NetworkPolicy> overlay =
          new ArrayList<>(options.live ? files.cluster().policies() : List.of());
      for (Segmentations.Planned p : segmentations.valid()) {
        err.printf(
            "note: %s: what-if: AppSegmentation %s/%s adds %s%n",
            p.source().where(),
            p.plan().segNamespace(),
            p.plan().segName(),
            Words.policies(p.plan().policies().size()));
        overlay.addAll(p.plan().policies());
      }
      if (options.live && !files.cluster().clusterPolicies().isEmpty()) {
        List<ClusterPolicy> all = new ArrayList<>(base.clusterPolicies());
        all.addAll(files.cluster().clusterPolicies());
        base = base.withClusterPolicies(all);
      }
      Cluster cluster =
          overlay.isEmpty() ? base : base.withPolicies(overlay(base.policies(), overlay));
      return new WhatIf(cluster, segmentations.valid());
    } catch (InvalidInputException e) {
      throw new InputException(e.problems());
    }
  }

  /**
   * The cluster as it is, with no what-if: the manifests, or the live cluster (files may add
   * NetworkPolicies), and the input's AppSegmentations planned in it as the operator would plan
   * them there (the others' policies, the namespaces' grants). With --live each app carries the UID
   * of the AppSegmentation of that namespace and name in the cluster, if there is one: what proves
   * which policies are its own.
   */
  static AsIs asIs(ClusterOptions options, InputStream stdin, PrintWriter err)
      throws InputException {
    Input input = Input.read(options, stdin, err);
    try {
      LoadResult files = files(input.others());
      files.notes().forEach(n -> err.println("note: " + n));
      if (!options.live) {
        Map<String, NamespaceFacts> facts = facts(objects(input.others(), Namespace.class));
        return new AsIs(
            files.cluster(), facts, input.alone().among(files.cluster().policies(), facts).valid());
      }
      checkLiveFiles(input.others());
      try (KubernetesClient client = options.connect()) {
        Cluster base = read(client, options.namespaces, err);
        base = base.withPolicies(overlay(base.policies(), files.cluster().policies()));
        Map<String, NamespaceFacts> facts = facts(LiveFacts.namespaces(client, options.namespaces));
        List<Segmentations.Planned> planned = input.alone().among(base.policies(), facts).valid();
        LiveFacts.identify(
            client, planned.stream().map(Segmentations.Planned::segmentation).toList());
        return new AsIs(base, facts, planned);
      }
    } catch (InvalidInputException e) {
      throw new InputException(e.problems());
    }
  }

  /** The documents of the input and its AppSegmentations, each validated and planned alone. */
  private record Input(List<Document> others, Segmentations.Result alone) {
    static Input read(ClusterOptions options, InputStream stdin, PrintWriter err)
        throws InputException {
      List<Document> documents =
          options.inputs.isEmpty() ? List.of() : new InputReader(stdin).read(options.inputs);
      Segmentations.Result alone =
          Segmentations.alone(
              documents.stream().filter(SegmentationLoader::isSegmentation).toList(),
              "default",
              err);
      if (alone.invalid() > 0) {
        throw new InputException(
            alone.invalid() + " invalid AppSegmentation(s); nothing evaluated");
      }
      return new Input(
          documents.stream().filter(d -> !SegmentationLoader.isSegmentation(d)).toList(), alone);
    }
  }

  private static LoadResult files(List<Document> others) {
    return ManifestLoader.read(
        others.stream()
            .map(d -> new ManifestLoader.Parsed(d.where(), JSON.valueToTree(d.content())))
            .toList());
  }

  private static <T> List<T> objects(List<Document> documents, Class<T> type) {
    String kind = type.getSimpleName();
    return documents.stream()
        .filter(d -> kind.equals(d.kind()))
        .map(d -> JSON.convertValue(d.content(), type))
        .toList();
  }

  private static Map<String, NamespaceFacts> facts(List<Namespace> namespaces) {
    Map<String, NamespaceFacts> facts = new LinkedHashMap<>();
    for (Namespace ns : namespaces) {
      String name = ns.getMetadata().getName();
      facts.put(
          name,
          new NamespaceFacts(
              name, ns.getMetadata().getLabels(), ns.getMetadata().getAnnotations()));
    }
    return facts;
  }

  /**
   * With --live the cluster supplies pods and namespaces; a file giving them too would be silently
   * lost.
   */
  private static Cluster live(ClusterOptions options, List<Document> fileDocuments, PrintWriter err)
      throws InputException {
    checkLiveFiles(fileDocuments);
    try (KubernetesClient client = options.connect()) {
      return read(client, options.namespaces, err);
    }
  }

  private static void checkLiveFiles(List<Document> fileDocuments) throws InputException {
    List<String> problems =
        fileDocuments.stream()
            .filter(d -> CLUSTER_KINDS.contains(d.kind()))
            .map(
                d ->
                    d.where()
                        + ": "
                        + d.kind()
                        + " in a file: with --live, pods and namespaces come from the cluster; "
                        + "files may add NetworkPolicies and AppSegmentations")
            .toList();
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
  }

  /**
   * Failures name the server: with several kubeconfig contexts, which cluster was asked is not
   * obvious.
   */
  private static Cluster read(KubernetesClient client, List<String> namespaces, PrintWriter err)
      throws InputException {
    try {
      LoadResult result = LiveClusterLoader.load(client, namespaces);
      result.notes().forEach(n -> err.println("note: " + n));
      return result.cluster();
    } catch (InvalidInputException e) {
      throw new InputException(
          e.problems().stream().map(p -> p + " (server " + client.getMasterUrl() + ")").toList());
    }
  }

  /**
   * The base policies with the overlay applied: same namespace and name replaces, others are added.
   */
  private static List<NetworkPolicy> overlay(
      List<NetworkPolicy> base, List<NetworkPolicy> overlay) {
    Map<PolicyRef, NetworkPolicy> byRef = new LinkedHashMap<>();
    base.forEach(p -> byRef.put(ref(p), p));
    overlay.forEach(p -> byRef.put(ref(p), p));
    return List.copyOf(byRef.values());
  }

  private static PolicyRef ref(NetworkPolicy p) {
    String ns = p.getMetadata().getNamespace();
    return new PolicyRef(ns == null ? "default" : ns, p.getMetadata().getName());
  }
}
