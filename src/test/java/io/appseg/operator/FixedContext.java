package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.netpol.Cluster;
import io.appseg.plan.Isolation;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** A fixed cluster to judge plans in, for the reconciler's unit tests. */
final class FixedContext implements ContextView {
  private final Cluster cluster;
  private final List<AppSegmentation> apps;

  FixedContext(Cluster cluster) {
    this(cluster, List.of());
  }

  /** Also holding {@code apps} in its cache. */
  FixedContext(Cluster cluster, List<AppSegmentation> apps) {
    this.cluster = cluster;
    this.apps = apps;
  }

  @Override
  public Cluster cluster(Collection<String> namespaces) {
    return cluster;
  }

  @Override
  public Isolation isolation(AppSegmentation seg) {
    return Isolation.of(
        cluster.policies(), seg.getMetadata().getNamespace(), seg.getMetadata().getName());
  }

  @Override
  public List<AppSegmentation> apps() {
    return apps;
  }

  @Override
  public Set<ResourceID> concerned(String namespace) {
    return Set.of();
  }

  @Override
  public void policiesChanged(String namespace, Set<ResourceID> owner) {
    // nothing to re-trigger: the unit tier reconciles by hand
  }

  @Override
  public List<EventSource<?, AppSegmentation>> eventSources(
      EventSourceContext<AppSegmentation> ctx) {
    throw new UnsupportedOperationException("the unit tier starts no informers");
  }
}
