package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.netpol.Cluster;
import io.appseg.plan.Isolation;
import io.appseg.plan.Plan;
import io.appseg.plan.PlanDefaults;
import io.appseg.verify.ContextCheck;
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
  private int clusters;

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
    clusters++;
    return cluster;
  }

  /** How often a cluster was asked for: each judgement asks once. */
  int clusters() {
    return clusters;
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
  public List<String> judgedNamespaces(AppSegmentation seg) {
    return new ContextCheck(PlanDefaults.STANDARD).namespaces(seg).stream().toList();
  }

  @Override
  public List<String> namespacesRead(AppSegmentation seg) {
    return List.of(seg.getMetadata().getNamespace());
  }

  /** The app's identity and the fixed cluster's policy names: the same for every reconcile here. */
  @Override
  public String inputs(AppSegmentation seg, List<String> namespaces, boolean lasting) {
    InputDigest digest =
        new InputDigest().add(seg.getMetadata().getUid()).add(seg.getMetadata().getGeneration());
    cluster.policies().forEach(np -> digest.add(np.getMetadata().getName()));
    return digest.add(lasting).hex();
  }

  /** The inputs with the plan's policies: what the judgement here reads, exactly. */
  @Override
  public String meaning(AppSegmentation seg, Plan plan, List<String> namespaces) {
    return new InputDigest()
        .add(inputs(seg, namespaces, false))
        .add(plan.policies())
        .add(plan.namespaceDenyAccepted())
        .hex();
  }

  @Override
  public void forget(AppSegmentation seg) {
    // nothing kept
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
