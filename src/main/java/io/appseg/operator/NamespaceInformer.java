package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Namespaces from an informer cache rather than API calls. A label or annotation change maps back to the
 * AppSegmentations placing policies there, which is how a new or revoked grant re-triggers a reconcile.
 */
final class NamespaceInformer implements NamespaceView {
  private static final String NAME = "namespaces";
  private static final String BY_NAMESPACE = "by-namespace";

  private InformerEventSource<Namespace, AppSegmentation> namespaces;

  @Override
  public InformerEventSource<Namespace, AppSegmentation> eventSource(EventSourceContext<AppSegmentation> ctx) {
    ctx.getPrimaryCache().addIndexer(BY_NAMESPACE, NamespaceInformer::namespacesOf);
    namespaces = new InformerEventSource<>(InformerEventSourceConfiguration.from(Namespace.class,
            AppSegmentation.class).withName(NAME).withWatchAllNamespaces()
        .withOnUpdateFilter((now, before) -> !Objects.equals(now.getMetadata().getLabels(), before.getMetadata().getLabels())
            || !Objects.equals(now.getMetadata().getAnnotations(), before.getMetadata().getAnnotations()))
        .withSecondaryToPrimaryMapper(ns -> segmentationsUsing(ctx, ns.getMetadata().getName())).build(), ctx);
    return namespaces;
  }

  @Override
  public Map<String, NamespaceFacts> facts(List<String> names) {
    Map<String, NamespaceFacts> facts = new LinkedHashMap<>();
    for (String name : names) {
      namespaces.get(new ResourceID(name)).ifPresent(ns -> facts.put(name,
          new NamespaceFacts(name, ns.getMetadata().getLabels(), ns.getMetadata().getAnnotations())));
    }
    return facts;
  }

  private static List<String> namespacesOf(AppSegmentation seg) {
    String own = seg.getMetadata().getNamespace();
    if (seg.getSpec() == null || seg.getSpec().getTiers() == null) {
      return List.of(own);
    }
    return Stream.concat(Stream.of(own), seg.getSpec().getTiers().stream()
        .map(t -> t.namespaceOr(own))).distinct().toList();
  }

  private static Set<ResourceID> segmentationsUsing(EventSourceContext<AppSegmentation> ctx, String namespace) {
    return ctx.getPrimaryCache().byIndex(BY_NAMESPACE, namespace).stream().map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }
}
