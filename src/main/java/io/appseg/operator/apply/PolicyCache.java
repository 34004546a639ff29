package io.appseg.operator.apply;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.Labels;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Every NetworkPolicy, as the apply step and the judgement in context read them: one informer cache
 * over every namespace (ours indexed by owner) rather than API calls. A change to one maps back to
 * its AppSegmentation, which is how drift re-triggers a reconcile, and to the AppSegmentations with
 * tiers or peers in its namespace, which is how they are re-judged. One cache, not a second one for
 * the foreign policies: ours would be held twice.
 */
final class PolicyCache {
  private static final String NAME = "networkpolicies";
  private static final String BY_OWNER = "by-owner";
  private static final String BY_OWNER_UID = "by-owner-uid";
  private static final String BY_NAMESPACE = "by-namespace";

  private InformerEventSource<NetworkPolicy, AppSegmentation> policies;

  /** Builds the informer; called once by JOSDK before it starts. */
  InformerEventSource<NetworkPolicy, AppSegmentation> eventSource(
      EventSourceContext<AppSegmentation> ctx,
      BiConsumer<String, Set<ResourceID>> namespaceChanged) {
    policies =
        new Informer(
            InformerEventSourceConfiguration.from(NetworkPolicy.class, AppSegmentation.class)
                .withName(NAME)
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(PolicyCache::ownerOf)
                .withItemStore(new TrimmedStore())
                .build(),
            ctx,
            namespaceChanged);
    policies.addIndexers(
        Map.of(
            BY_OWNER,
            np -> ownerKey(np).map(List::of).orElse(List.of()),
            BY_OWNER_UID,
            Ownership::claimedOwners,
            BY_NAMESPACE,
            np -> List.of(np.getMetadata().getNamespace())));
    return policies;
  }

  /**
   * Every cached policy that is this AppSegmentation's own ({@link Ownership}), in any namespace,
   * whatever labels it still carries.
   */
  List<NetworkPolicy> owned(AppSegmentation seg) {
    Map<ResourceID, NetworkPolicy> all = new LinkedHashMap<>();
    if (seg.getMetadata().getUid() != null) {
      policies
          .byIndex(BY_OWNER_UID, seg.getMetadata().getUid())
          .forEach(np -> all.put(ResourceID.fromResource(np), np));
    }
    labelled(seg).forEach(np -> all.putIfAbsent(ResourceID.fromResource(np), np));
    return all.values().stream().filter(np -> Ownership.owns(seg, np)).toList();
  }

  /** Every cached policy carrying this AppSegmentation's owner labels, ours or not. */
  List<NetworkPolicy> labelled(AppSegmentation seg) {
    return policies.byIndex(
        BY_OWNER, key(seg.getMetadata().getNamespace(), seg.getMetadata().getName()));
  }

  /**
   * Every cached policy of these namespaces, ours, other apps' and foreign. From an index: the
   * informer's own list by namespace walks every policy of the cluster, and each reconcile asks
   * several times.
   */
  List<NetworkPolicy> in(Collection<String> namespaces) {
    return namespaces.stream().flatMap(ns -> policies.byIndex(BY_NAMESPACE, ns).stream()).toList();
  }

  /**
   * The cached object holding a name, owned or not, or null. No read from the API: the informer
   * watches every namespace, and a foreign object that appears after it is reported by the server's
   * answer to our dry run ({@link PolicySync}).
   */
  NetworkPolicy byName(ResourceID id) {
    return policies.get(id).orElse(null);
  }

  /**
   * Records our own write so the next reconcile compares against it even before the watch event
   * arrives.
   */
  void remember(NetworkPolicy written, NetworkPolicy previous) {
    ResourceID id = ResourceID.fromResource(written);
    if (previous == null) {
      policies.handleRecentResourceCreate(id, written);
    } else {
      policies.handleRecentResourceUpdate(id, written, previous);
    }
  }

  /**
   * The owner named by the labels of a policy that carries our managed-by label (the old label
   * selector's test).
   */
  private static Set<ResourceID> ownerOf(NetworkPolicy np) {
    Map<String, String> labels = np.getMetadata().getLabels();
    if (labels == null || !Labels.MANAGER.equals(labels.get(Labels.MANAGED_BY))) {
      return Set.of();
    }
    String name = labels.get(Labels.SEGMENTATION);
    String ns = labels.get(Labels.SEGMENTATION_NAMESPACE);
    return name == null || ns == null ? Set.of() : Set.of(new ResourceID(name, ns));
  }

  private static Optional<String> ownerKey(NetworkPolicy np) {
    return ownerOf(np).stream()
        .findFirst()
        .map(id -> key(id.getNamespace().orElse(""), id.getName()));
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /**
   * The informer's store without each policy's managed fields but the names of our own entries,
   * about a third of its memory: the only decision that reads them from the cache is whether our
   * field manager wrote an object ({@link Ownership#writtenByUs}, for objects of earlier versions
   * and orphans), and the cache holds every policy of the cluster (issue 13, heap at 5,000
   * policies).
   */
  private static final class TrimmedStore extends BasicItemStore<NetworkPolicy> {
    TrimmedStore() {
      super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public NetworkPolicy put(String key, NetworkPolicy np) {
      List<ManagedFieldsEntry> fields = np.getMetadata().getManagedFields();
      np.getMetadata()
          .setManagedFields(
              fields == null
                  ? null
                  : fields.stream()
                      .filter(f -> Labels.MANAGER.equals(f.getManager()))
                      .map(f -> new ManagedFieldsEntryBuilder().withManager(f.getManager()).build())
                      .toList());
      return super.put(key, np);
    }
  }

  /**
   * Tells every change of a namespace's policies once the cache holds it, with the policy's owner:
   * our own writes included, which JOSDK does not hand to the mapper (they are known from {@link
   * #remember}), because the other apps there must be re-judged. The owner needs no news of its own
   * write, nor of another's edit (the mapper).
   */
  private static final class Informer extends InformerEventSource<NetworkPolicy, AppSegmentation> {
    private final BiConsumer<String, Set<ResourceID>> namespaceChanged;
    private final InitialAdds initial = new InitialAdds();

    Informer(
        InformerEventSourceConfiguration<NetworkPolicy> config,
        EventSourceContext<AppSegmentation> ctx,
        BiConsumer<String, Set<ResourceID>> namespaceChanged) {
      super(config, ctx);
      this.namespaceChanged = namespaceChanged;
    }

    @Override
    public void start() {
      super.start();
      initial.started(list(r -> true));
    }

    @Override
    public void onAdd(NetworkPolicy np) {
      if (initial.initial(np)) {
        return; // in the cache already; nobody needs telling
      }
      super.onAdd(np);
      namespaceChanged.accept(np.getMetadata().getNamespace(), ownerOf(np));
    }

    /**
     * The informer's order is (old, new). Only the owner the new labels name is left to the mapper:
     * one of ours that lost its labels is re-triggered here, as drift.
     */
    @Override
    public void onUpdate(NetworkPolicy before, NetworkPolicy now) {
      super.onUpdate(before, now);
      if (!Objects.equals(
          now.getMetadata().getResourceVersion(), before.getMetadata().getResourceVersion())) {
        namespaceChanged.accept(now.getMetadata().getNamespace(), ownerOf(now));
      }
    }

    @Override
    public void onDelete(NetworkPolicy np, boolean finalStateUnknown) {
      initial.deleted(np);
      super.onDelete(np, finalStateUnknown);
      namespaceChanged.accept(np.getMetadata().getNamespace(), ownerOf(np));
    }
  }
}
