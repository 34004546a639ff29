package io.appseg.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.netpol.Cluster;
import io.appseg.netpol.ClusterPolicy;
import io.appseg.netpol.ManifestLoader;
import io.appseg.netpol.ManifestLoader.Parsed;
import io.appseg.netpol.NamespaceInfo;
import io.appseg.operator.apply.PolicyApply;
import io.appseg.plan.Grants;
import io.appseg.plan.Isolation;
import io.appseg.plan.Labels;
import io.appseg.plan.NamespaceFacts;
import io.appseg.plan.Plan;
import io.appseg.verify.ContextCheck;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The context from informer caches only, no API call per reconcile: NetworkPolicies from the apply
 * step's cache, namespace labels from the Namespace informer, ClusterNetworkPolicies (v1alpha2,
 * read as generic resources) from their own informer. That informer exists only when discovery
 * finds the API at start: a cluster without it has none, and one that installs it later needs a
 * restart of the operator to be judged with it.
 */
final class InformerContext implements ContextView {
  private static final Logger LOG = LoggerFactory.getLogger(InformerContext.class);
  private static final String BY_NAMESPACE = "by-judged-namespace";
  private static final String BY_UID = "by-uid";

  /** A new build may plan and judge differently: it does not trust an earlier build's digests. */
  private static final String BUILD =
      String.valueOf(InformerContext.class.getPackage().getImplementationVersion());

  private static final Comparator<HasMetadata> BY_NAME =
      Comparator.comparing(
              (HasMetadata o) -> o.getMetadata().getNamespace(),
              Comparator.nullsFirst(Comparator.<String>naturalOrder()))
          .thenComparing(o -> o.getMetadata().getName());
  private static final GroupVersionKind CNP =
      new GroupVersionKind("policy.networking.k8s.io", "v1alpha2", "ClusterNetworkPolicy");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final KubernetesClient client;
  private final PolicyApply policies;
  private final NamespaceView namespaces;
  private final ContextCheck check;
  private final Conclusions conclusions;
  private final PolicyContents contents = new PolicyContents();
  private final Map<ResourceID, Read> read = new ConcurrentHashMap<>();
  private final SimpleInboundEventSource<AppSegmentation> rejudge =
      new SimpleInboundEventSource<>("rejudge");
  private IndexerResourceCache<AppSegmentation> primaries;
  private InformerEventSource<GenericKubernetesResource, AppSegmentation> clusterPolicies;

  InformerContext(
      KubernetesClient client,
      PolicyApply policies,
      NamespaceView namespaces,
      ContextCheck check,
      Conclusions conclusions) {
    this.client = client;
    this.policies = policies;
    this.namespaces = namespaces;
    this.check = check;
    this.conclusions = conclusions;
  }

  @Override
  public List<EventSource<?, AppSegmentation>> eventSources(
      EventSourceContext<AppSegmentation> ctx) {
    primaries = ctx.getPrimaryCache();
    primaries.addIndexer(BY_NAMESPACE, this::judgedNamespaces);
    primaries.addIndexer(
        BY_UID,
        seg ->
            seg.getMetadata().getUid() == null ? List.of() : List.of(seg.getMetadata().getUid()));
    List<EventSource<?, AppSegmentation>> sources = new ArrayList<>(List.of(rejudge));
    if (clusterPoliciesServed()) {
      // A cluster-wide tier acts on any app's pods: every change re-judges them all.
      clusterPolicies =
          new InformerEventSource<>(
              InformerEventSourceConfiguration.from(CNP, AppSegmentation.class)
                  .withName("clusternetworkpolicies")
                  .withWatchAllNamespaces()
                  .withSecondaryToPrimaryMapper(cnp -> all())
                  .build(),
              ctx);
      sources.add(clusterPolicies);
    }
    return sources;
  }

  @Override
  public Cluster cluster(Collection<String> names) {
    List<NamespaceInfo> labelled =
        namespaces.facts(List.copyOf(names)).values().stream()
            .map(f -> new NamespaceInfo(f.name(), f.labels()))
            .toList();
    // The cache's own objects: the informer replaces them on a change, it never edits one.
    return Cluster.sharing(labelled, List.of(), policies.policiesIn(names))
        .withClusterPolicies(clusterPolicies());
  }

  @Override
  public Isolation isolation(AppSegmentation seg) {
    return Isolation.of(
        policies.policiesIn(tierNamespaces(seg)),
        seg.getMetadata().getNamespace(),
        seg.getMetadata().getName());
  }

  @Override
  public List<AppSegmentation> apps() {
    return primaries == null ? List.of() : primaries.list().toList();
  }

  @Override
  public List<String> namespacesRead(AppSegmentation seg) {
    return Stream.concat(judgedNamespaces(seg).stream(), tierNamespaces(seg).stream())
        .distinct()
        .sorted()
        .toList();
  }

  @Override
  public String inputs(AppSegmentation seg, List<String> names, boolean lasting) {
    InputDigest digest =
        new InputDigest()
            .add(BUILD)
            .add(seg.getMetadata().getUid())
            .add(seg.getMetadata().getGeneration());
    Map<String, NamespaceFacts> facts = namespaces.facts(names);
    for (String name : names) {
      NamespaceFacts f = facts.get(name);
      digest.add(name).add(f != null);
      if (f != null) {
        digest.add(f.labels()).add(f.annotations());
      }
    }
    List<NetworkPolicy> read = new ArrayList<>(policies.policiesIn(names));
    read.sort(BY_NAME);
    for (NetworkPolicy np : read) {
      if (!lasting || !ownedByAnApp(np)) {
        digest.add(np.getMetadata().getNamespace()).add(np.getMetadata().getName());
        digest.add(np.getMetadata().getUid()).add(np.getMetadata().getResourceVersion());
      }
    }
    addClusterPolicies(digest);
    return digest.hex();
  }

  @Override
  public String meaning(AppSegmentation seg, Plan plan, List<String> names) {
    InputDigest digest =
        new InputDigest()
            .add(BUILD)
            .add(seg.getMetadata().getUid())
            .add(seg.getMetadata().getGeneration())
            .add(plan.namespaceDenyAccepted());
    Map<String, NamespaceFacts> facts = namespaces.facts(names);
    Map<String, String> cached = new HashMap<>();
    for (String name : names) {
      NamespaceFacts f = facts.get(name);
      digest.add(name).add(f == null ? Map.of() : f.labels());
      cached.putAll(contents.of(name, policies.policiesIn(List.of(name))));
    }
    Set<String> inForce = new TreeSet<>();
    for (NetworkPolicy np : ContextCheck.inPlace(plan, policies.policiesIn(names))) {
      String uid = np.getMetadata().getUid();
      inForce.add(
          uid != null && cached.containsKey(uid) ? cached.get(uid) : PolicyContents.digest(np));
    }
    digest.add(inForce.size());
    inForce.forEach(digest::add);
    addClusterPolicies(digest);
    return digest.hex();
  }

  private void addClusterPolicies(InputDigest digest) {
    if (clusterPolicies != null) {
      clusterPolicies
          .list(cnp -> true)
          .sorted(BY_NAME)
          .forEach(
              cnp ->
                  digest
                      .add(cnp.getMetadata().getName())
                      .add(cnp.getMetadata().getResourceVersion()));
    }
  }

  /** Carries the UID label of an AppSegmentation that exists (the proof of P4). */
  private boolean ownedByAnApp(NetworkPolicy np) {
    Map<String, String> labels = np.getMetadata().getLabels();
    String uid = labels == null ? null : labels.get(Labels.SEGMENTATION_UID);
    return uid != null && !primaries.byIndex(BY_UID, uid).isEmpty();
  }

  @Override
  public Set<ResourceID> concerned(String namespace) {
    return primaries.byIndex(BY_NAMESPACE, namespace).stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  @Override
  public void policiesChanged(String namespace, Set<ResourceID> owner) {
    concerned(namespace).stream()
        .filter(id -> !owner.contains(id))
        .forEach(
            id -> {
              conclusions.contextChanged(id);
              rejudge.propagateEvent(id);
            });
  }

  private Set<ResourceID> all() {
    return primaries.list().map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  /**
   * The namespaces the check reads; for a spec it cannot read, the own and tier namespaces (for the
   * grant check). Kept per generation: deriving them builds the app's whole population, and the
   * index asks again on every update of the app. Dropped by {@link #forget}, which the reconciler
   * calls for a deleted app after the informer's last index update.
   */
  @Override
  public List<String> judgedNamespaces(AppSegmentation seg) {
    ResourceID id = ResourceID.fromResource(seg);
    Read known = read.get(id);
    if (known != null && known.generation().equals(seg.getMetadata().getGeneration())) {
      return known.namespaces();
    }
    List<String> judged;
    try {
      judged = List.copyOf(check.namespaces(seg));
    } catch (RuntimeException invalidSpec) {
      judged = tierNamespaces(seg);
    }
    read.put(id, new Read(seg.getMetadata().getGeneration(), judged));
    return judged;
  }

  private record Read(Long generation, List<String> namespaces) {}

  @Override
  public void forget(AppSegmentation seg) {
    read.remove(ResourceID.fromResource(seg));
  }

  /** The own namespace and those of the tiers, read from the spec as it is (maybe invalid). */
  private static List<String> tierNamespaces(AppSegmentation seg) {
    return Stream.concat(
            Stream.of(seg.getMetadata().getNamespace()), Grants.tierNamespaces(seg).stream())
        .filter(Objects::nonNull)
        .distinct()
        .toList();
  }

  private List<ClusterPolicy> clusterPolicies() {
    if (clusterPolicies == null) {
      return List.of();
    }
    List<Parsed> docs =
        clusterPolicies
            .list(cnp -> true)
            .map(
                cnp ->
                    new Parsed(
                        "ClusterNetworkPolicy " + cnp.getMetadata().getName(),
                        SERIALIZATION.convertValue(cnp, JsonNode.class)))
            .toList();
    return ManifestLoader.read(docs).cluster().clusterPolicies();
  }

  private boolean clusterPoliciesServed() {
    try {
      return client.supports(CNP.apiVersion(), CNP.getKind());
    } catch (KubernetesClientException e) {
      LOG.warn(
          "cannot tell whether ClusterNetworkPolicy is served, judging without it: {}",
          e.getMessage());
      return false;
    }
  }
}
