package io.appseg.netpol;

import com.fasterxml.jackson.databind.JsonNode;
import io.appseg.text.Escape;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sorts parsed documents into namespaces, pods and policies, remembering where each came from so
 * that every problem names its file and document.
 */
final class ManifestCollector {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final List<Namespace> namespaces = new ArrayList<>();
  private final List<Pod> pods = new ArrayList<>();
  private final List<NetworkPolicy> policies = new ArrayList<>();
  private final List<ClusterPolicy> clusterPolicies = new ArrayList<>();
  private final Map<String, String> seen = new HashMap<>();
  final List<String> problems = new ArrayList<>();
  final List<String> notes = new ArrayList<>();

  /**
   * Adds one document (or, for a List kind, its items); {@code where} is e.g. "a.yaml document 3".
   */
  void add(JsonNode doc, String where) {
    if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isObject() && doc.isEmpty()) {
      return; // empty documents are normal in multi-document YAML
    }
    if (!doc.isObject()) {
      problems.add(
          where
              + ": expected a Kubernetes object, found "
              + doc.getNodeType().toString().toLowerCase());
      return;
    }
    String kind = doc.path("kind").asText("");
    String apiVersion = doc.path("apiVersion").asText("");
    if (kind.isEmpty()) {
      problems.add(where + ": kind is missing");
    } else if (kind.endsWith("List") && doc.path("items").isArray()) {
      for (int i = 0; i < doc.get("items").size(); i++) {
        add(doc.get("items").get(i), where + " item " + (i + 1));
      }
    } else {
      addObject(doc, kind, apiVersion, where);
    }
  }

  private void addObject(JsonNode doc, String kind, String apiVersion, String where) {
    switch (kind + " " + apiVersion) {
      case "Namespace v1" -> convert(doc, Namespace.class, where).ifPresent(this::addNamespace);
      case "Pod v1" -> convert(doc, Pod.class, where).ifPresent(p -> addPod(p, where));
      case "NetworkPolicy networking.k8s.io/v1" ->
          convert(doc, NetworkPolicy.class, where).ifPresent(p -> addPolicy(p, where));
      case ClusterPolicyReader.KIND + " " + ClusterPolicyReader.API_VERSION ->
          addClusterPolicy(doc, where);
      default ->
          notes.add(
              where
                  + ": ignored "
                  + Escape.visible(kind)
                  + " "
                  + Escape.visible(doc.path("metadata").path("name").asText("(unnamed)"))
                  + " ("
                  + (apiVersion.isEmpty() ? "no apiVersion" : Escape.visible(apiVersion))
                  + ")");
    }
  }

  private <T extends HasMetadata> Optional<T> convert(JsonNode doc, Class<T> type, String where) {
    try {
      T object = SERIALIZATION.convertValue(doc, type);
      String name = Snapshots.nameOf(object);
      if (name == null || name.isBlank()) {
        problems.add(where + ": " + type.getSimpleName() + " without metadata.name");
        return Optional.empty();
      }
      List<String> identity = new ArrayList<>();
      ObjectIdentity.check(object, identity);
      if (!identity.isEmpty()) {
        identity.forEach(p -> problems.add(where + ": " + type.getSimpleName() + " " + p));
        return Optional.empty();
      }
      String key =
          type.getSimpleName()
              + " "
              + (object instanceof Namespace ? "" : Snapshots.namespaceOf(object) + "/")
              + name;
      String first = seen.putIfAbsent(key, where);
      if (first != null) {
        problems.add(where + ": " + key + " was already given in " + first);
        return Optional.empty();
      }
      return Optional.of(object);
    } catch (IllegalArgumentException e) {
      problems.add(where + ": not a valid " + type.getSimpleName() + ": " + firstLine(e));
      return Optional.empty();
    }
  }

  private void addNamespace(Namespace ns) {
    namespaces.add(ns);
  }

  private void addPod(Pod pod, String where) {
    List<String> podProblems = new ArrayList<>();
    Snapshots.pod(pod, podProblems);
    podProblems.forEach(p -> problems.add(where + ": " + p));
    pods.add(pod);
  }

  private void addPolicy(NetworkPolicy policy, String where) {
    String what =
        "NetworkPolicy " + Snapshots.namespaceOf(policy) + "/" + Snapshots.nameOf(policy) + ": ";
    PolicyValidator.validate(policy).forEach(p -> problems.add(where + ": " + what + p));
    policies.add(policy);
  }

  private void addClusterPolicy(JsonNode doc, String where) {
    List<String> found = new ArrayList<>();
    ClusterPolicy policy = ClusterPolicyReader.read(doc, found);
    found.forEach(p -> problems.add(where + ": " + p));
    if (policy != null) {
      String first = seen.putIfAbsent(ClusterPolicyReader.KIND + " " + policy.name(), where);
      if (first != null) {
        problems.add(
            where
                + ": "
                + ClusterPolicyReader.KIND
                + " "
                + policy.name()
                + " was already given in "
                + first);
      }
      clusterPolicies.add(policy);
    }
  }

  /** The cluster, or every problem found in any document. */
  LoadResult result() {
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new LoadResult(
        Cluster.of(namespaces, pods, policies).withClusterPolicies(clusterPolicies), notes);
  }

  static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message).trim();
  }
}
