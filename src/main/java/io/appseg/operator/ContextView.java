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

/**
 * The cluster a plan is judged in, and who must be re-judged when it changes (a seam: unit tests
 * give a fixed one).
 */
interface ContextView {

  /**
   * What is in force in these namespaces: their NetworkPolicies (ours and others'), labels, and
   * every CNP.
   */
  Cluster cluster(Collection<String> namespaces);

  /**
   * Others' NetworkPolicies that already isolate pods in {@code seg}'s tier namespaces: what the
   * planner needs to give pods peers there their half of a flow.
   */
  Isolation isolation(AppSegmentation seg);

  /** Every AppSegmentation in the cache, for a standby to prepare. */
  List<AppSegmentation> apps();

  /** The AppSegmentations whose judgement reads this namespace (tiers or peers there). */
  Set<ResourceID> concerned(String namespace);

  /**
   * Re-triggers the AppSegmentations concerned with a namespace whose NetworkPolicies changed, but
   * {@code owner}.
   */
  void policiesChanged(String namespace, Set<ResourceID> owner);

  /**
   * Its own event sources (re-judgements, ClusterNetworkPolicies); built once by JOSDK, before the
   * others.
   */
  List<EventSource<?, AppSegmentation>> eventSources(EventSourceContext<AppSegmentation> ctx);
}
