package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AppSegmentationStatus;
import io.appseg.api.v1alpha1.Mode;
import io.appseg.flows.FlowAudit;
import io.appseg.netpol.InvalidInputException;
import io.appseg.operator.apply.PlanDifference;
import io.appseg.operator.apply.PolicyApply;
import io.appseg.operator.events.EventReason;
import io.appseg.operator.events.EventRecorder;
import io.appseg.operator.metrics.OperatorMetrics;
import io.appseg.operator.status.Outcome;
import io.appseg.operator.status.Reason;
import io.appseg.operator.status.StatusFactory;
import io.appseg.plan.Grants;
import io.appseg.plan.InvalidSpecException;
import io.appseg.plan.Isolation;
import io.appseg.plan.Plan;
import io.appseg.verify.ContextCheck;
import io.appseg.verify.ContextCheck.Changes;
import io.appseg.verify.ContextCheck.Gap;
import io.appseg.verify.ContextCheck.Kind;
import io.appseg.verify.VerificationResult;
import io.appseg.verify.VerifiedPlans;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin reconciler, one ladder: read what others isolate, plan, check grants, verify the plan
 * against the spec (where it will be in force), apply it, judge it in the cluster as it is, write
 * the status when it changed. The first step that fails decides the outcome; no state lives here.
 *
 * <p>Why not a JOSDK bulk dependent: the rules need same-namespace policies with a controller
 * ownerReference and other-namespace policies without one (a dependent class picks one or the
 * other), and a name taken by a foreign policy must stop the whole plan before anything is written
 * (the bulk reconciler would apply over it with force). So {@link PolicyApply} is the one place
 * that decides desired versus actual and writes it.
 */
@ControllerConfiguration(name = AppSegmentationReconciler.NAME)
public final class AppSegmentationReconciler
    implements Reconciler<AppSegmentation>, Cleaner<AppSegmentation> {
  public static final String NAME = "appsegmentation";
  private static final Logger LOG = LoggerFactory.getLogger(AppSegmentationReconciler.class);

  /** How often an app in Audit mode is judged against the flows read since. */
  static final Duration FLOW_INTERVAL = Duration.ofSeconds(30);

  private final PlanFunction planner;
  private final VerifiedPlans verifier;
  private final ContextCheck check;
  private final ContextView context;
  private final NamespaceView namespaces;
  private final PolicyApply policies;
  private final StatusFactory statuses;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final boolean serverSideApply;
  private final FlowSource flows;

  AppSegmentationReconciler(
      PlanFunction planner,
      VerifiedPlans verifier,
      ContextCheck check,
      ContextView context,
      NamespaceView namespaces,
      PolicyApply policies,
      StatusFactory statuses,
      EventRecorder events,
      OperatorMetrics metrics,
      boolean serverSideApply,
      FlowSource flows) {
    this.planner = planner;
    this.verifier = verifier;
    this.check = check;
    this.context = context;
    this.namespaces = namespaces;
    this.policies = policies;
    this.statuses = statuses;
    this.events = events;
    this.metrics = metrics;
    this.serverSideApply = serverSideApply;
    this.flows = flows;
  }

  @Override
  public List<EventSource<?, AppSegmentation>> prepareEventSources(
      EventSourceContext<AppSegmentation> ctx) {
    // The context's sources first: they register the index that the others' mappers read.
    List<EventSource<?, AppSegmentation>> sources = new ArrayList<>(context.eventSources(ctx));
    sources.add(policies.eventSource(ctx, context::policiesChanged));
    sources.add(namespaces.eventSource(ctx, context::concerned));
    return sources;
  }

  @Override
  public UpdateControl<AppSegmentation> reconcile(
      AppSegmentation seg, Context<AppSegmentation> ctx) {
    metrics.reconcileStarted();
    Outcome outcome = outcome(seg);
    metrics.concluded(
        ResourceID.fromResource(seg), outcome.reason().ready(), outcome.reason().stalled());
    UpdateControl<AppSegmentation> control =
        statusPatch(seg, outcome)
            .map(UpdateControl::patchStatus)
            .orElseGet(UpdateControl::noUpdate);
    // New flows arrive without an event: an app in Audit mode is judged again on a timer.
    return flows != null && seg.getSpec().getMode() == Mode.Audit
        ? control.rescheduleAfter(FLOW_INTERVAL)
        : control;
  }

  /**
   * A standby's half of the ladder for every cached app: read, plan, verify and (with {@code
   * judge}) judge in context, from the caches, never writing. Verified plans are kept ({@link
   * VerifiedPlans}), so an unchanged app is not verified again after the takeover, and the code of
   * every step has run once, so the first reconciles after it are not those of a cold JVM (they
   * were 7 s of a 12 s failover). Returns the number of apps.
   */
  int prepareStandby(boolean judge, BooleanSupplier standby) {
    List<AppSegmentation> live =
        context.apps().stream()
            .filter(seg -> seg.getMetadata().getDeletionTimestamp() == null)
            .toList();
    int done = 0;
    for (AppSegmentation seg : live) {
      if (!standby.getAsBoolean()) {
        break; // leading now: the reconciles need the CPU
      }
      prepare(seg, judge);
      done++;
    }
    return done;
  }

  private void prepare(AppSegmentation seg, boolean judge) {
    Isolation isolation = context.isolation(seg);
    try {
      Plan plan = planner.plan(seg, namespaces.facts(Grants.tierNamespaces(seg)), isolation);
      if (verifier.verify(seg, plan, isolation).ok() && judge) {
        check.check(seg, plan, context.cluster(check.namespaces(seg)));
      }
    } catch (InvalidSpecException | InvalidInputException e) {
      // the leader reports it; a standby has nothing to prepare for this app
    }
  }

  /**
   * A flow found blocked while what others isolate changed during the reconcile (an app applied
   * alongside, its default-deny seen only after we planned) is planned once more at once: the block
   * is then usually ours to close, and reporting it first would be a false alarm.
   */
  private Outcome outcome(AppSegmentation seg) {
    Isolation isolation = context.isolation(seg);
    Outcome outcome = outcome(seg, isolation);
    if (outcome.reason() != Reason.FlowBlocked) {
      return outcome;
    }
    Isolation now = context.isolation(seg);
    return now.equals(isolation) ? outcome : outcome(seg, now);
  }

  private Outcome outcome(AppSegmentation seg, Isolation isolation) {
    Plan plan;
    try {
      plan = planner.plan(seg, namespaces.facts(Grants.tierNamespaces(seg)), isolation);
    } catch (InvalidSpecException e) {
      // Fail static: no write, no retry; the next spec change (new generation) reconciles again.
      return Outcome.invalidSpec(e.errors());
    }
    if (plan.mode() == Mode.Audit) {
      return verificationFailure(seg, plan, isolation)
          .orElseGet(() -> traffic(seg, plan, audited(seg, plan)));
    }
    metrics.notAudited(ResourceID.fromResource(seg));
    List<String> missing = Grants.missing(plan, namespaces.facts(plan.namespaces()));
    if (!missing.isEmpty()) {
      // Writes nothing anywhere; what is proven ours in a namespace that revoked its grant goes.
      policies.withdraw(seg, missing);
      return Outcome.notGranted(plan, missing);
    }
    // Self-check before any write: a planner bug must never reach the cluster (fail static, like
    // InvalidSpec).
    return verificationFailure(seg, plan, isolation)
        .orElseGet(() -> inContext(seg, plan, policies.apply(seg, plan).outcome(plan)));
  }

  /**
   * Audit: what Enforce would write, and which declared connections it would change, judged from
   * the same caches as an applied plan.
   */
  private Outcome audited(AppSegmentation seg, Plan plan) {
    PlanDifference difference = policies.preview(seg, plan);
    Changes changes;
    try {
      changes = check.changes(seg, plan, context.cluster(check.namespaces(seg)));
    } catch (InvalidInputException e) {
      LOG.warn("cannot judge the plan in the cluster: {}", e.getMessage());
      changes = new Changes(List.of(), 0);
    }
    return Outcome.auditOnly(plan, difference.summary(), difference.toStatus(changes));
  }

  /**
   * An applied plan judged with everything else in force. Applied first, even when something else
   * denies one of its flows: the plan is right and never opens more than declared, the context is
   * at fault (FlowBlocked).
   */
  private Outcome inContext(AppSegmentation seg, Plan plan, Outcome applied) {
    if (applied.reason() != Reason.Reconciled) {
      return applied;
    }
    List<Gap> gaps;
    try {
      gaps = check.check(seg, plan, context.cluster(check.namespaces(seg)));
    } catch (InvalidInputException e) {
      // Only a server that validates nothing stores such objects; the app is reported as applied,
      // unjudged.
      LOG.warn("cannot judge the plan in the cluster: {}", e.getMessage());
      return applied;
    }
    metrics.judged(
        ResourceID.fromResource(seg),
        gaps.stream().anyMatch(g -> g.kind() == Kind.DENIED),
        gaps.stream().anyMatch(g -> g.kind() == Kind.EXPOSED));
    return applied.judged(gaps);
  }

  /** With a flow source, the observed flows that this Audit-mode plan would deny once enforced. */
  private Outcome traffic(AppSegmentation seg, Plan plan, Outcome audited) {
    if (flows == null) {
      return audited;
    }
    try {
      FlowAudit.Report report = flows.judge(seg, plan, context.cluster(check.namespaces(seg)));
      metrics.wouldBeDenied(ResourceID.fromResource(seg), report.deniedObservations());
      return audited.withTraffic(report);
    } catch (InvalidInputException e) {
      LOG.warn("cannot judge the observed flows: {}", e.getMessage());
      return audited;
    }
  }

  private Optional<Outcome> verificationFailure(
      AppSegmentation seg, Plan plan, Isolation isolation) {
    VerificationResult result = verifier.verify(seg, plan, isolation);
    if (result.ok()) {
      return Optional.empty();
    }
    if (result.tooComplex()) {
      LOG.warn("not applying a plan too complex to verify: {}", result.summary(0));
      return Optional.of(Outcome.tooComplex(result));
    }
    metrics.verificationFailed();
    LOG.error("planned policies do not match the spec, not applying them: {}", result.summary(3));
    return Optional.of(Outcome.verificationFailed(result));
  }

  @Override
  public ErrorStatusUpdateControl<AppSegmentation> updateErrorStatus(
      AppSegmentation seg, Context<AppSegmentation> ctx, Exception e) {
    metrics.applyFailed();
    LOG.warn("reconcile failed, will retry: {}", e.getMessage());
    return statusPatch(seg, Outcome.applyFailed(String.valueOf(e.getMessage())))
        .map(ErrorStatusUpdateControl::patchStatus)
        .orElseGet(ErrorStatusUpdateControl::noStatusUpdate);
  }

  @Override
  public DeleteControl cleanup(AppSegmentation seg, Context<AppSegmentation> ctx) {
    // Same-namespace policies would also go through ownerReference GC; deleting them here keeps
    // clusters
    // without a garbage collector (and the mock server) clean, and makes deletion
    // order-independent.
    policies.remove(seg);
    verifier.forget(seg);
    return DeleteControl.defaultDelete();
  }

  /**
   * The status patch, if the status changed; one Warning event per new problem (a new Ready reason
   * or message) and per new exposure (Exposed turning True, or naming something else).
   */
  private Optional<AppSegmentation> statusPatch(AppSegmentation seg, Outcome outcome) {
    AppSegmentationStatus status = statuses.build(seg, outcome);
    if (StatusFactory.sameIgnoringTransitionTimes(seg.getStatus(), status)) {
      return Optional.empty();
    }
    if (!outcome.reason().ready() && StatusFactory.readyChanged(seg.getStatus(), status)) {
      events.problem(seg, outcome.reason(), outcome.message());
    }
    if (StatusFactory.exposureNews(seg.getStatus(), status)) {
      events.record(
          seg, EventReason.Exposed, StatusFactory.find(status, StatusFactory.EXPOSED).getMessage());
    }
    return Optional.of(forStatusPatch(seg, status));
  }

  /**
   * SSA needs a fully specified intent holding only what we manage (name, namespace, status); the
   * JSON-patch path used without SSA diffs against the cached object, so it gets that object with
   * the new status.
   */
  private AppSegmentation forStatusPatch(AppSegmentation seg, AppSegmentationStatus status) {
    if (!serverSideApply) {
      seg.setStatus(status);
      return seg;
    }
    AppSegmentation fresh = new AppSegmentation();
    fresh.setMetadata(
        new ObjectMetaBuilder()
            .withName(seg.getMetadata().getName())
            .withNamespace(seg.getMetadata().getNamespace())
            .build());
    fresh.setStatus(status);
    return fresh;
  }
}
