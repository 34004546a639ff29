package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.plan.NamespaceFacts;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The Namespaces as the grant check and the judgement in context read them (a seam: the
 * reconciler's unit tests give fixed facts).
 */
interface NamespaceView {

  /** Facts of those of {@code names} that exist. */
  Map<String, NamespaceFacts> facts(List<String> names);

  /**
   * The source of Namespace events that re-trigger the AppSegmentations {@code concerned}; built
   * once by JOSDK.
   */
  EventSource<Namespace, AppSegmentation> eventSource(
      EventSourceContext<AppSegmentation> ctx, Function<String, Set<ResourceID>> concerned);
}
