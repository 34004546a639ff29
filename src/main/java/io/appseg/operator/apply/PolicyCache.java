package io.appseg.operator.apply;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.Labels;
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
import java.util.Optional;
import java.util.Set;

/**
 * The generated NetworkPolicies as the apply step reads them: an informer cache over every namespace (label
 * managed-by, indexed by owner) rather than API calls. A change to one maps back to its AppSegmentation, which is
 * how drift re-triggers a reconcile.
 */
final class PolicyCache {
  private static final String NAME = "generated-networkpolicies";
  private static final String BY_OWNER = "by-owner";

  private final KubernetesClient client;
  private InformerEventSource<NetworkPolicy, AppSegmentation> policies;

  PolicyCache(KubernetesClient client) {
    this.client = client;
  }

  /** Builds the informer; called once by JOSDK before it starts. */
  InformerEventSource<NetworkPolicy, AppSegmentation> eventSource(EventSourceContext<AppSegmentation> ctx) {
    policies = new InformerEventSource<>(InformerEventSourceConfiguration.from(NetworkPolicy.class,
            AppSegmentation.class).withName(NAME).withWatchAllNamespaces()
        .withLabelSelector(Labels.MANAGED_SELECTOR).withSecondaryToPrimaryMapper(PolicyCache::ownerOf).build(), ctx);
    policies.addIndexers(Map.of(BY_OWNER, np -> ownerKey(np).map(List::of).orElse(List.of())));
    return policies;
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

  /** Records our own write so the next reconcile compares against it even before the watch event arrives. */
  void remember(NetworkPolicy written, NetworkPolicy previous) {
    ResourceID id = ResourceID.fromResource(written);
    if (previous == null) {
      policies.handleRecentResourceCreate(id, written);
    } else {
      policies.handleRecentResourceUpdate(id, written, previous);
    }
  }

  private static Set<ResourceID> ownerOf(NetworkPolicy np) {
    Map<String, String> labels = np.getMetadata().getLabels();
    String name = labels == null ? null : labels.get(Labels.SEGMENTATION);
    String ns = labels == null ? null : labels.get(Labels.SEGMENTATION_NAMESPACE);
    return name == null || ns == null ? Set.of() : Set.of(new ResourceID(name, ns));
  }

  private static Optional<String> ownerKey(NetworkPolicy np) {
    return ownerOf(np).stream().findFirst().map(id -> key(id.getNamespace().orElse(""), id.getName()));
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
