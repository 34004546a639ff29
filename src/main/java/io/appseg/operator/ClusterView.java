package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.Labels;
import io.appseg.plan.NamespaceFacts;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the reconciler reads, from informer caches rather than API calls: generated NetworkPolicies in every
 * namespace (label managed-by, indexed by owner) and Namespaces. Events on either are mapped back to the
 * AppSegmentations concerned, which is how drift and grant changes re-trigger a reconcile.
 */
final class ClusterView {
  static final String POLICIES = "generated-networkpolicies";
  static final String NAMESPACES = "namespaces";
  private static final String BY_OWNER = "by-owner";
  private static final String BY_NAMESPACE = "by-namespace";

  private final KubernetesClient client;
  private InformerEventSource<NetworkPolicy, AppSegmentation> policies;
  private InformerEventSource<Namespace, AppSegmentation> namespaces;

  ClusterView(KubernetesClient client) {
    this.client = client;
  }

  /** Builds both informers; called once by JOSDK before they start. */
  List<InformerEventSource<?, AppSegmentation>> eventSources(EventSourceContext<AppSegmentation> ctx) {
    ctx.getPrimaryCache().addIndexer(BY_NAMESPACE, ClusterView::namespacesOf);
    policies = new InformerEventSource<>(InformerEventSourceConfiguration.from(NetworkPolicy.class,
            AppSegmentation.class).withName(POLICIES).withWatchAllNamespaces()
        .withLabelSelector(Labels.MANAGED_SELECTOR).withSecondaryToPrimaryMapper(ClusterView::ownerOf).build(), ctx);
    policies.addIndexers(Map.of(BY_OWNER, np -> ownerKey(np).map(List::of).orElse(List.of())));
    namespaces = new InformerEventSource<>(InformerEventSourceConfiguration.from(Namespace.class,
            AppSegmentation.class).withName(NAMESPACES).withWatchAllNamespaces()
        .withOnUpdateFilter((now, before) -> !Objects.equals(now.getMetadata().getLabels(), before.getMetadata().getLabels())
            || !Objects.equals(now.getMetadata().getAnnotations(), before.getMetadata().getAnnotations()))
        .withSecondaryToPrimaryMapper(ns -> segmentationsUsing(ctx, ns.getMetadata().getName())).build(), ctx);
    return List.of(policies, namespaces);
  }

  /** Every cached policy carrying this AppSegmentation's owner labels, in any namespace. */
  List<NetworkPolicy> owned(AppSegmentation seg) {
    return policies.byIndex(BY_OWNER, key(seg.getMetadata().getNamespace(), seg.getMetadata().getName()));
  }

  /** Cached owned policies plus a fresh API list: cleanup must not miss an object the cache has not seen yet. */
  List<NetworkPolicy> ownedIncludingUncached(AppSegmentation seg) {
    Map<ResourceID, NetworkPolicy> all = new LinkedHashMap<>();
    owned(seg).forEach(np -> all.put(ResourceID.fromResource(np), np));
    client.network().v1().networkPolicies().inAnyNamespace()
        .withLabels(Map.of(Labels.MANAGED_BY, Labels.MANAGER, Labels.SEGMENTATION, seg.getMetadata().getName(),
            Labels.SEGMENTATION_NAMESPACE, seg.getMetadata().getNamespace()))
        .list().getItems().forEach(np -> all.putIfAbsent(ResourceID.fromResource(np), np));
    return new ArrayList<>(all.values());
  }

  /**
   * The object holding a name, owned or not. Names not in the cache are read from the API: a foreign policy does
   * not carry our label, so only a read can reveal a collision. A converged reconcile finds everything cached.
   */
  NetworkPolicy byName(ResourceID id) {
    return policies.get(id).orElseGet(() -> client.network().v1().networkPolicies()
        .inNamespace(id.getNamespace().orElseThrow()).withName(id.getName()).get());
  }

  Map<String, NamespaceFacts> namespaceFacts(List<String> names) {
    Map<String, NamespaceFacts> facts = new LinkedHashMap<>();
    for (String name : names) {
      namespaces.get(new ResourceID(name)).ifPresent(ns -> facts.put(name,
          new NamespaceFacts(name, ns.getMetadata().getLabels(), ns.getMetadata().getAnnotations())));
    }
    return facts;
  }

  /** Records our own write so the next reconcile compares against it even before the watch event arrives. */
  void remember(NetworkPolicy written, NetworkPolicy previous) {
    ResourceID id = ResourceID.fromResource(written);
    if (previous == null) {
      policies.handleRecentResourceCreate(id, written);
    } else {
      policies.handleRecentResourceUpdate(id, written, previous);
    }
  }

  static List<String> namespacesOf(AppSegmentation seg) {
    String own = seg.getMetadata().getNamespace();
    if (seg.getSpec() == null || seg.getSpec().getTiers() == null) {
      return List.of(own);
    }
    return Stream.concat(Stream.of(own), seg.getSpec().getTiers().stream()
        .map(t -> t.namespaceOr(own))).distinct().toList();
  }

  private static Set<ResourceID> segmentationsUsing(EventSourceContext<AppSegmentation> ctx, String namespace) {
    return ctx.getPrimaryCache().byIndex(BY_NAMESPACE, namespace).stream().map(ResourceID::fromResource)
        .collect(java.util.stream.Collectors.toSet());
  }

  private static Set<ResourceID> ownerOf(NetworkPolicy np) {
    Map<String, String> labels = np.getMetadata().getLabels();
    String name = labels == null ? null : labels.get(Labels.SEGMENTATION);
    String ns = labels == null ? null : labels.get(Labels.SEGMENTATION_NAMESPACE);
    return name == null || ns == null ? Set.of() : Set.of(new ResourceID(name, ns));
  }

  private static java.util.Optional<String> ownerKey(NetworkPolicy np) {
    return ownerOf(np).stream().findFirst().map(id -> key(id.getNamespace().orElse(""), id.getName()));
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
