package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AppSegmentationStatus;
import io.appseg.api.v1alpha1.Mode;
import io.appseg.operator.apply.DesiredPolicies;
import io.appseg.operator.apply.PolicyDiff;
import io.appseg.operator.events.EventRecorder;
import io.appseg.operator.metrics.OperatorMetrics;
import io.appseg.operator.status.Outcome;
import io.appseg.operator.status.StatusFactory;
import io.appseg.plan.Grants;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Labels;
import io.appseg.plan.Plan;
import io.appseg.verify.PlanVerifier;
import io.appseg.verify.VerificationResult;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin reconciler: plan, check grants, verify the plan against the spec, check name collisions, apply the
 * difference, write status when it changed.
 *
 * <p>Why not a JOSDK bulk dependent: the rules need same-namespace policies with a controller ownerReference and
 * other-namespace policies without one (a dependent class picks one or the other), and a name taken by a foreign
 * policy must stop the whole plan before anything is written (the bulk reconciler would apply over it with force).
 * So {@link PolicyDiff} is the single place deciding desired versus actual, and a {@link PolicySync} writes it.
 */
@ControllerConfiguration(name = AppSegmentationReconciler.NAME)
public final class AppSegmentationReconciler implements Reconciler<AppSegmentation>, Cleaner<AppSegmentation> {
  public static final String NAME = "appsegmentation";
  private static final Logger LOG = LoggerFactory.getLogger(AppSegmentationReconciler.class);

  private final PlanFunction planner;
  private final PlanVerifier verifier;
  private final ClusterView cluster;
  private final PolicySync sync;
  private final StatusFactory statuses;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final boolean serverSideApply;
  /** Generation last applied per AppSegmentation: drift detection must not depend on a status cache lagging. */
  private final Map<ResourceID, Long> appliedGeneration = new ConcurrentHashMap<>();

  AppSegmentationReconciler(PlanFunction planner, PlanVerifier verifier, ClusterView cluster, PolicySync sync, StatusFactory statuses,
      EventRecorder events, OperatorMetrics metrics, boolean serverSideApply) {
    this.planner = planner;
    this.verifier = verifier;
    this.cluster = cluster;
    this.sync = sync;
    this.statuses = statuses;
    this.events = events;
    this.metrics = metrics;
    this.serverSideApply = serverSideApply;
  }

  @Override
  public List<EventSource<?, AppSegmentation>> prepareEventSources(EventSourceContext<AppSegmentation> ctx) {
    return new ArrayList<>(cluster.eventSources(ctx));
  }

  @Override
  public UpdateControl<AppSegmentation> reconcile(AppSegmentation seg, Context<AppSegmentation> ctx) {
    metrics.reconcileStarted();
    Plan plan;
    try {
      plan = planner.plan(seg);
    } catch (InvalidSpecException e) {
      // Fail static: no write, no retry; the next spec change (new generation) reconciles again.
      return finish(seg, Outcome.invalidSpec(e.errors()));
    }
    if (plan.mode() == Mode.Audit) {
      return finish(seg, verificationFailure(seg, plan).orElse(Outcome.auditOnly(plan)));
    }
    List<String> missing = Grants.missing(plan, cluster.namespaceFacts(plan.namespaces()));
    if (!missing.isEmpty()) {
      return finish(seg, Outcome.notGranted(plan, missing));
    }
    // Self-check before any write: a planner bug must never reach the cluster (fail static, like InvalidSpec).
    Optional<Outcome> wrongPlan = verificationFailure(seg, plan);
    if (wrongPlan.isPresent()) {
      return finish(seg, wrongPlan.get());
    }
    List<NetworkPolicy> desired = DesiredPolicies.of(plan, seg);
    PolicyDiff diff = PolicyDiff.compute(desired, cluster.owned(seg), cluster::byName, np -> isOwned(seg, np),
        sync.answers());
    if (!diff.conflicts().isEmpty()) {
      metrics.conflict();
      return finish(seg, Outcome.conflict(plan, diff.conflicts().stream().map(PolicySync::describe).toList()));
    }
    // Fail static without a retry storm: a spec the server refused is not sent again until it changes.
    var rejection = sync.knownRejection(diff);
    if (rejection.isPresent()) {
      return finish(seg, Outcome.applyRejected(plan, rejection.get()));
    }
    ResourceID id = ResourceID.fromResource(seg);
    try {
      sync.apply(seg, diff, wasConverged(seg) || seg.getMetadata().getGeneration().equals(appliedGeneration.get(id)));
    } catch (PolicySync.RejectedException e) {
      return finish(seg, Outcome.applyRejected(plan, e.getMessage()));
    }
    appliedGeneration.put(id, seg.getMetadata().getGeneration());
    metrics.managed(id, desired.size());
    return finish(seg, Outcome.reconciled(plan));
  }

  private Optional<Outcome> verificationFailure(AppSegmentation seg, Plan plan) {
    VerificationResult result = verifier.verify(seg, plan);
    if (result.ok()) {
      return Optional.empty();
    }
    metrics.verificationFailed();
    LOG.error("planned policies do not match the spec, not applying them: {}", result.summary(3));
    return Optional.of(Outcome.verificationFailed(result));
  }

  @Override
  public ErrorStatusUpdateControl<AppSegmentation> updateErrorStatus(AppSegmentation seg,
      Context<AppSegmentation> ctx, Exception e) {
    metrics.applyFailed();
    LOG.warn("reconcile failed, will retry: {}", e.getMessage());
    AppSegmentationStatus status = statuses.build(seg, Outcome.applyFailed(String.valueOf(e.getMessage())));
    if (StatusFactory.sameIgnoringTransitionTimes(seg.getStatus(), status)) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    warnOnNewProblem(seg, status);
    return ErrorStatusUpdateControl.patchStatus(forStatusPatch(seg, status));
  }

  @Override
  public DeleteControl cleanup(AppSegmentation seg, Context<AppSegmentation> ctx) {
    // Same-namespace policies would also go through ownerReference GC; deleting them here keeps clusters
    // without a garbage collector (and the mock server) clean, and makes deletion order-independent.
    List<NetworkPolicy> owned = cluster.ownedIncludingUncached(seg);
    owned.forEach(sync::delete);
    metrics.forget(ResourceID.fromResource(seg));
    appliedGeneration.remove(ResourceID.fromResource(seg));
    LOG.info("removed {} NetworkPolicies of deleted AppSegmentation", owned.size());
    return DeleteControl.defaultDelete();
  }

  private UpdateControl<AppSegmentation> finish(AppSegmentation seg, Outcome outcome) {
    AppSegmentationStatus status = statuses.build(seg, outcome);
    if (StatusFactory.sameIgnoringTransitionTimes(seg.getStatus(), status)) {
      return UpdateControl.noUpdate();
    }
    warnOnNewProblem(seg, status);
    return UpdateControl.patchStatus(forStatusPatch(seg, status));
  }

  /** One Warning event per new problem: only when the Ready reason or message differs from the stored status. */
  private void warnOnNewProblem(AppSegmentation seg, AppSegmentationStatus status) {
    var now = StatusFactory.find(status, StatusFactory.READY);
    var before = StatusFactory.find(seg.getStatus(), StatusFactory.READY);
    boolean problem = "False".equals(now.getStatus());
    boolean changed = before == null || !now.getReason().equals(before.getReason())
        || !now.getMessage().equals(before.getMessage());
    if (problem && changed) {
      events.warning(seg, now.getReason(), now.getMessage());
    }
  }

  /** Applied and Ready for this very generation: any write now repairs drift rather than rolling out a change. */
  private static boolean wasConverged(AppSegmentation seg) {
    var ready = StatusFactory.find(seg.getStatus(), StatusFactory.READY);
    return ready != null && "True".equals(ready.getStatus()) && "Reconciled".equals(ready.getReason())
        && seg.getStatus().getObservedGeneration() != null
        && seg.getStatus().getObservedGeneration().equals(seg.getMetadata().getGeneration());
  }

  private static boolean isOwned(AppSegmentation seg, NetworkPolicy np) {
    return Labels.ownedBy(np.getMetadata().getLabels(), seg.getMetadata().getNamespace(), seg.getMetadata().getName());
  }

  /**
   * SSA needs a fully specified intent holding only what we manage (name, namespace, status); the JSON-patch
   * path used without SSA diffs against the cached object, so it gets that object with the new status.
   */
  private AppSegmentation forStatusPatch(AppSegmentation seg, AppSegmentationStatus status) {
    if (!serverSideApply) {
      seg.setStatus(status);
      return seg;
    }
    AppSegmentation fresh = new AppSegmentation();
    fresh.setMetadata(new ObjectMetaBuilder().withName(seg.getMetadata().getName())
        .withNamespace(seg.getMetadata().getNamespace()).build());
    fresh.setStatus(status);
    return fresh;
  }
}
