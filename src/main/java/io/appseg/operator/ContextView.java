package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.netpol.Cluster;
import io.appseg.plan.Isolation;
import io.appseg.plan.Plan;
import io.appseg.verify.ContextCheck;
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

  /**
   * The namespaces whose policies and labels the judgement of {@code seg} reads (ContextCheck's);
   * for a spec it cannot read, the own and tier namespaces.
   */
  List<String> judgedNamespaces(AppSegmentation seg);

  /**
   * The namespaces a reconcile of {@code seg} reads: those the judgement reads, and the own and
   * tier namespaces (all a spec the check cannot read has).
   */
  List<String> namespacesRead(AppSegmentation seg);

  /**
   * A digest of what a reconcile of {@code seg} reads: its generation, and in {@code namespaces}
   * their facts, their NetworkPolicies and every CNP, each by UID and resourceVersion. {@code
   * lasting} leaves out the policies that an existing AppSegmentation owns (including {@code
   * seg}'s): what stays comparable across an operator restart without them, because every change to
   * them is made or seen by a running operator.
   */
  String inputs(AppSegmentation seg, List<String> namespaces, boolean lasting);

  /**
   * A digest of what the judgement of {@code seg}'s plan reads in {@code namespaces}, as the
   * evaluator reads it: the app and its generation, the plan's accepted namespaces, the namespaces'
   * labels, every CNP by name and resourceVersion, and the policies in force once the plan is
   * ({@link ContextCheck#inPlace}) by content, each distinct content once: policies that differ
   * only by name allow and deny the same connections.
   */
  String meaning(AppSegmentation seg, Plan plan, List<String> namespaces);

  /** Drops what is kept for a deleted app. */
  void forget(AppSegmentation seg);

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
