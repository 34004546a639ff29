package io.appseg.operator.apply;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.operator.events.EventRecorder;
import io.appseg.operator.metrics.OperatorMetrics;
import io.appseg.operator.status.Outcome;
import io.appseg.plan.Plan;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The apply step: puts a verified plan into the cluster and keeps it there. Stamping, the diff
 * against the cached policies, the server's earlier answers, writes, pruning and drift repair, with
 * their events and meters, all happen behind these calls. The reconciler sees only the result (a
 * seam: its unit tests use a fake).
 */
public interface PolicyApply {

  /**
   * Writes what differs from the plan, unless {@code before} fails, a foreign policy holds a
   * generated name or the spec is refused. {@code before} is checked exactly once in every call,
   * before anything is written or deleted.
   */
  ApplyResult apply(AppSegmentation seg, Plan plan, BeforeWrites before);

  /**
   * What must hold before the first write or delete (the plan's self-check, the finalizer), done on
   * the caller's thread while the plan's dry runs are in flight: those write nothing, so the check
   * and the server's answers take the time of the longer, not of both.
   */
  @FunctionalInterface
  interface BeforeWrites {
    /** Nothing to check: always passes. */
    BeforeWrites NONE = Optional::empty;

    /** Empty to go on; otherwise the outcome that holds the plan back. */
    Optional<Outcome> check();
  }

  /** What {@link #apply} would write for this plan, without writing: what Audit mode reports. */
  PlanDifference preview(AppSegmentation seg, Plan plan);

  /**
   * Deletes the app's own policies in namespaces that revoked their grant (default-deny first),
   * with a Warning event; the one case where the operator deletes where it may no longer write.
   */
  void withdraw(AppSegmentation seg, Collection<String> namespaces);

  /** Deletes every policy of a deleted AppSegmentation, in every namespace, cached or not. */
  void remove(AppSegmentation seg);

  /**
   * Every NetworkPolicy in force in these namespaces as cached (ours and others'): the context a
   * plan is judged in.
   */
  List<NetworkPolicy> policiesIn(Collection<String> namespaces);

  /**
   * The source of NetworkPolicy events: a generated policy changed by someone else re-triggers its
   * owner, and every change of any policy is told to {@code namespaceChanged} with its namespace
   * and its owner, if ours.
   */
  EventSource<NetworkPolicy, AppSegmentation> eventSource(
      EventSourceContext<AppSegmentation> ctx,
      BiConsumer<String, Set<ResourceID>> namespaceChanged);

  /**
   * The step on the cluster: server-side apply, or plain create and update where the server lacks
   * it.
   */
  static PolicyApply of(
      KubernetesClient client,
      boolean serverSideApply,
      EventRecorder events,
      OperatorMetrics metrics) {
    return new ClusterPolicyApply(PolicyWriter.of(client, serverSideApply), events, metrics);
  }
}
