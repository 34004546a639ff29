package io.appseg.netpol;

import inet.ipaddr.IPAddress;
import io.appseg.kube.Ip;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable snapshot of namespaces, pods and NetworkPolicies. Built once, it precomputes
 * (lazily, on the first question) which pods every policy selects and every peer matches, so that
 * each question costs only a walk over the rules that apply to the two ends.
 *
 * <p>Namespaces that pods or policies live in but that were not given are added without labels;
 * every namespace gets the {@code kubernetes.io/metadata.name} label the control plane would set.
 */
public final class Cluster {
  private static final Comparator<HasMetadata> BY_NAME =
      Comparator.comparing(Snapshots::namespaceOf).thenComparing(Snapshots::nameOf);

  private final Map<String, NamespaceInfo> namespaces;
  private final List<PodInfo> pods;
  private final Map<String, Integer> podIndex = new HashMap<>();
  private final List<NetworkPolicy> policies;
  private final List<ClusterPolicy> clusterPolicies;
  private final Lazy<PolicyIndex> index = new Lazy<>(() -> PolicyIndex.build(this));
  // Parsed once: every ipBlock peer is matched against every pod's addresses.
  private final Lazy<List<List<IPAddress>>> podAddresses =
      new Lazy<>(
          () -> pods().stream().map(p -> p.ips().stream().map(Ip::address).toList()).toList());
  private final Lazy<ClusterPolicyIndex> clusterIndex =
      new Lazy<>(() -> ClusterPolicyIndex.build(this));

  private Cluster(
      Map<String, NamespaceInfo> namespaces,
      List<PodInfo> pods,
      List<NetworkPolicy> policies,
      List<ClusterPolicy> clusterPolicies) {
    this.namespaces = namespaces;
    this.pods = pods;
    this.policies = policies;
    this.clusterPolicies = List.copyOf(clusterPolicies);
    for (int i = 0; i < pods.size(); i++) {
      podIndex.put(key(pods.get(i).namespace(), pods.get(i).name()), i);
    }
  }

  /**
   * Builds a snapshot from copies of the given objects.
   *
   * @throws InvalidInputException listing every invalid or duplicate object (the API server would
   *     refuse them)
   */
  public static Cluster of(
      Collection<Namespace> namespaces, Collection<Pod> pods, Collection<NetworkPolicy> policies) {
    List<String> problems = new ArrayList<>();
    Map<String, NamespaceInfo> nsInfos = new TreeMap<>();
    for (Namespace ns : namespaces) {
      if (requireName("Namespace", ns, problems)
          && nsInfos.put(Snapshots.nameOf(ns), Snapshots.namespace(ns)) != null) {
        problems.add("Namespace " + Snapshots.nameOf(ns) + ": given twice");
      }
    }
    List<PodInfo> podInfos = pods(pods, problems);
    List<NetworkPolicy> copies = policies(policies, problems, true);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    podInfos.forEach(
        p -> nsInfos.computeIfAbsent(p.namespace(), n -> Snapshots.namespace(n, null)));
    copies.forEach(
        p -> nsInfos.computeIfAbsent(Snapshots.namespaceOf(p), n -> Snapshots.namespace(n, null)));
    return new Cluster(nsInfos, podInfos, copies, List.of());
  }

  /**
   * A snapshot of namespaces and pods already in the evaluator's form (a synthesized population: no
   * fabric8 objects to build and convert) with copies of {@code policies}.
   *
   * @throws InvalidInputException listing every invalid or duplicate object
   */
  public static Cluster ofModel(
      Collection<NamespaceInfo> namespaces,
      Collection<PodInfo> pods,
      Collection<NetworkPolicy> policies) {
    return ofModel(namespaces, pods, policies, true);
  }

  /**
   * {@link #ofModel} holding {@code policies} themselves, not copies: for a caller whose policies
   * nobody changes while the snapshot is in use (an informer cache replaces its objects, it never
   * changes them), which the operator's judgement of every reconcile is. Read {@link #shared}.
   *
   * @throws InvalidInputException listing every invalid or duplicate object
   */
  public static Cluster sharing(
      Collection<NamespaceInfo> namespaces,
      Collection<PodInfo> pods,
      Collection<NetworkPolicy> policies) {
    return ofModel(namespaces, pods, policies, false);
  }

  private static Cluster ofModel(
      Collection<NamespaceInfo> namespaces,
      Collection<PodInfo> pods,
      Collection<NetworkPolicy> policies,
      boolean copy) {
    List<String> problems = new ArrayList<>();
    Map<String, NamespaceInfo> nsInfos = new TreeMap<>();
    namespaces.forEach(ns -> nsInfos.put(ns.name(), Snapshots.namespace(ns.name(), ns.labels())));
    Map<String, PodInfo> byKey = new TreeMap<>();
    for (PodInfo pod : pods) {
      if (byKey.put(key(pod.namespace(), pod.name()), pod) != null) {
        problems.add("Pod " + pod + ": given twice");
      }
      nsInfos.computeIfAbsent(pod.namespace(), n -> Snapshots.namespace(n, null));
    }
    List<NetworkPolicy> copies = policies(policies, problems, copy);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    copies.forEach(
        p -> nsInfos.computeIfAbsent(Snapshots.namespaceOf(p), n -> Snapshots.namespace(n, null)));
    return new Cluster(nsInfos, List.copyOf(byKey.values()), copies, List.of());
  }

  /**
   * This cluster's namespaces and pods with other policies: what-if questions and the operator
   * self-check.
   */
  public Cluster withPolicies(Collection<NetworkPolicy> newPolicies) {
    List<String> problems = new ArrayList<>();
    List<NetworkPolicy> copies = policies(newPolicies, problems, true);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Map<String, NamespaceInfo> nsInfos = new TreeMap<>(namespaces);
    copies.forEach(
        p -> nsInfos.computeIfAbsent(Snapshots.namespaceOf(p), n -> Snapshots.namespace(n, null)));
    return new Cluster(nsInfos, pods, copies, clusterPolicies);
  }

  /**
   * This cluster with these ClusterNetworkPolicies (cluster-wide tiers before and after
   * NetworkPolicies).
   */
  public Cluster withClusterPolicies(Collection<ClusterPolicy> newClusterPolicies) {
    return new Cluster(namespaces, pods, policies, List.copyOf(newClusterPolicies));
  }

  /**
   * This cluster with more namespaces and pods (known only from flow records): a namespace or pod
   * already here stays as it is.
   */
  public Cluster withPods(Collection<Namespace> moreNamespaces, Collection<Pod> morePods) {
    List<String> problems = new ArrayList<>();
    Map<String, NamespaceInfo> nsInfos = new TreeMap<>(namespaces);
    moreNamespaces.forEach(
        ns -> {
          if (requireName("Namespace", ns, problems)) {
            nsInfos.putIfAbsent(Snapshots.nameOf(ns), Snapshots.namespace(ns));
          }
        });
    Map<String, PodInfo> byKey = new TreeMap<>();
    this.pods.forEach(p -> byKey.put(key(p.namespace(), p.name()), p));
    pods(morePods, problems).forEach(p -> byKey.putIfAbsent(key(p.namespace(), p.name()), p));
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    byKey
        .values()
        .forEach(p -> nsInfos.computeIfAbsent(p.namespace(), n -> Snapshots.namespace(n, null)));
    return new Cluster(nsInfos, List.copyOf(byKey.values()), policies, clusterPolicies);
  }

  private static List<PodInfo> pods(Collection<Pod> pods, List<String> problems) {
    Map<String, PodInfo> byKey = new TreeMap<>();
    for (Pod pod : pods) {
      if (requireName("Pod", pod, problems)) {
        PodInfo info = Snapshots.pod(pod, problems);
        if (byKey.put(key(info.namespace(), info.name()), info) != null) {
          problems.add("Pod " + info + ": given twice");
        }
      }
    }
    return List.copyOf(byKey.values());
  }

  private static List<NetworkPolicy> policies(
      Collection<NetworkPolicy> policies, List<String> problems, boolean copy) {
    List<NetworkPolicy> copies = new ArrayList<>();
    for (NetworkPolicy p : policies) {
      String where = "NetworkPolicy " + Snapshots.namespaceOf(p) + "/" + Snapshots.nameOf(p) + ": ";
      PolicyValidator.validate(p).forEach(problem -> problems.add(where + problem));
      copies.add(copy ? copy(p) : p);
    }
    if (!problems.isEmpty()) {
      return copies;
    }
    copies.sort(BY_NAME);
    for (int i = 1; i < copies.size(); i++) {
      if (BY_NAME.compare(copies.get(i - 1), copies.get(i)) == 0) {
        problems.add(
            "NetworkPolicy "
                + Snapshots.namespaceOf(copies.get(i))
                + "/"
                + Snapshots.nameOf(copies.get(i))
                + ": given twice");
      }
    }
    return List.copyOf(copies);
  }

  /**
   * A deep copy through the model's builder: the same object as a JSON round trip, several times
   * cheaper, and the operator copies every policy of the namespaces it judges on each reconcile.
   */
  private static NetworkPolicy copy(NetworkPolicy p) {
    return new NetworkPolicyBuilder(p).build();
  }

  private static boolean requireName(String kind, HasMetadata o, List<String> problems) {
    String name = Snapshots.nameOf(o);
    if (name == null || name.isBlank()) {
      problems.add(kind + " without metadata.name");
      return false;
    }
    return true;
  }

  public static Cluster empty() {
    return of(List.of(), List.of(), List.of());
  }

  /** Namespaces, sorted by name. */
  public List<NamespaceInfo> namespaces() {
    return List.copyOf(namespaces.values());
  }

  public Optional<NamespaceInfo> namespace(String name) {
    return Optional.ofNullable(namespaces.get(name));
  }

  /** Each pod's addresses, parsed, in the order of {@link #pods}. */
  List<List<IPAddress>> podAddresses() {
    return podAddresses.get();
  }

  /** Pods, sorted by namespace then name. */
  public List<PodInfo> pods() {
    return pods;
  }

  public Optional<PodInfo> pod(String namespace, String name) {
    Integer i = podIndex.get(key(namespace, name));
    return i == null ? Optional.empty() : Optional.of(pods.get(i));
  }

  /** Copies of the policies, sorted by namespace then name. */
  public List<NetworkPolicy> policies() {
    return policies.stream().map(Cluster::copy).toList();
  }

  /**
   * The policies themselves, sorted by namespace then name, for a caller that only reads them
   * (never change one: this snapshot's answers depend on them).
   */
  public List<NetworkPolicy> shared() {
    return policies;
  }

  public List<ClusterPolicy> clusterPolicies() {
    return clusterPolicies;
  }

  /** Position of a pod in {@link #pods()}, or -1. */
  int indexOf(String namespace, String name) {
    return podIndex.getOrDefault(key(namespace, name), -1);
  }

  Map<String, NamespaceInfo> namespaceMap() {
    return namespaces;
  }

  List<NetworkPolicy> policyObjects() {
    return policies;
  }

  PolicyIndex index() {
    return index.get();
  }

  ClusterPolicyIndex clusterIndex() {
    return clusterIndex.get();
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  @Override
  public String toString() {
    return "Cluster["
        + namespaces.size()
        + " namespaces, "
        + pods.size()
        + " pods, "
        + policies.size()
        + " policies"
        + (clusterPolicies.isEmpty() ? "" : ", " + clusterPolicies.size() + " cluster policies")
        + "]";
  }
}
