package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.operator.apply.InitialAdds;
import io.appseg.plan.NamespaceFacts;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Namespaces from an informer cache rather than API calls. A label or annotation change maps back
 * to the AppSegmentations concerned with the namespace (tiers or peers there), which is how a new
 * or revoked grant re-triggers a reconcile and a relabelled namespace re-judges the apps whose
 * peers it may match.
 */
final class NamespaceInformer implements NamespaceView {
  private static final String NAME = "namespaces";

  private InformerEventSource<Namespace, AppSegmentation> namespaces;

  @Override
  public InformerEventSource<Namespace, AppSegmentation> eventSource(
      EventSourceContext<AppSegmentation> ctx, Function<String, Set<ResourceID>> concerned) {
    namespaces =
        new Informer(
            InformerEventSourceConfiguration.from(Namespace.class, AppSegmentation.class)
                .withName(NAME)
                .withWatchAllNamespaces()
                .withOnUpdateFilter(
                    (now, before) ->
                        !Objects.equals(
                                now.getMetadata().getLabels(), before.getMetadata().getLabels())
                            || !Objects.equals(
                                now.getMetadata().getAnnotations(),
                                before.getMetadata().getAnnotations()))
                .withSecondaryToPrimaryMapper(ns -> concerned.apply(ns.getMetadata().getName()))
                .build(),
            ctx);
    return namespaces;
  }

  /** Namespaces listed at start re-trigger nothing ({@link InitialAdds}). */
  private static final class Informer extends InformerEventSource<Namespace, AppSegmentation> {
    private final InitialAdds initial = new InitialAdds();

    Informer(
        InformerEventSourceConfiguration<Namespace> config,
        EventSourceContext<AppSegmentation> ctx) {
      super(config, ctx);
    }

    @Override
    public void start() {
      super.start();
      initial.started(list(r -> true));
    }

    @Override
    public void onAdd(Namespace ns) {
      if (!initial.initial(ns)) {
        super.onAdd(ns);
      }
    }

    @Override
    public void onDelete(Namespace ns, boolean finalStateUnknown) {
      initial.deleted(ns);
      super.onDelete(ns, finalStateUnknown);
    }
  }

  @Override
  public Map<String, NamespaceFacts> facts(List<String> names) {
    Map<String, NamespaceFacts> facts = new LinkedHashMap<>();
    for (String name : names) {
      namespaces
          .get(new ResourceID(name))
          .ifPresent(
              ns ->
                  facts.put(
                      name,
                      new NamespaceFacts(
                          name, ns.getMetadata().getLabels(), ns.getMetadata().getAnnotations())));
    }
    return facts;
  }
}
