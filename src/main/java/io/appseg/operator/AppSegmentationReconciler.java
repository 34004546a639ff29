package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AppSegmentationStatus;
import io.appseg.api.v1alpha1.Mode;
import io.appseg.flows.FlowAudit;
import io.appseg.netpol.InvalidInputException;
import io.appseg.operator.Conclusions.Conclusion;
import io.appseg.operator.apply.ApplyResult;
import io.appseg.operator.apply.OwnerScope;
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
import io.appseg.plan.NamespaceFacts;
import io.appseg.plan.Plan;
import io.appseg.verify.ContextCheck;
import io.appseg.verify.ContextCheck.Changes;
import io.appseg.verify.ContextCheck.Gap;
import io.appseg.verify.ContextCheck.Kind;
import io.appseg.verify.VerificationResult;
import io.appseg.verify.VerifiedPlans;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
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
@ControllerConfiguration(name = AppSegmentationReconciler.NAME, triggerReconcilerOnAllEvents = true)
public final class AppSegmentationReconciler implements Reconciler<AppSegmentation> {
  public static final String NAME = "appsegmentation";
  private static final Logger LOG = LoggerFactory.getLogger(AppSegmentationReconciler.class);

  /** The Ready reasons of an applied plan: what a restart may keep (see unchangedSinceStatus). */
  private static final Set<String> APPLIED =
      Set.of(Reason.Reconciled.name(), Reason.FlowBlocked.name());

  /** The outcomes of a plan that reached the apply step (Enforce, granted, verified). */
  private static final Set<Reason> REACHED_APPLY =
      Set.of(Reason.Reconciled, Reason.FlowBlocked, Reason.Conflict, Reason.ApplyRejected);

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
  private final Conclusions conclusions;
  private final Finalizers finalizers;
  private final StatusWriter statusWriter;
  private final OwnerScope scope;

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
      FlowSource flows,
      Conclusions conclusions,
      Finalizers finalizers,
      StatusWriter statusWriter,
      OwnerScope scope) {
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
    this.conclusions = conclusions;
    this.finalizers = finalizers;
    this.statusWriter = statusWriter;
    this.scope = scope;
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
    if (!scope.covers(seg.getMetadata().getNamespace())) {
      // Released to another shard (or this process is closing): an event of a policy or namespace
      // may still map here, and the app may look deleted once its informer stopped; the shard that
      // took it (or the next process) answers for it.
      // What this process concluded about it is dropped: if the app comes back, it starts afresh.
      forget(seg);
      return UpdateControl.noUpdate();
    }
    if (ctx.isPrimaryResourceDeleted()) {
      // Gone without waiting for us: the garbage collector would remove its policies too (their
      // ownerReference), but at the controller-manager's shared request rate; deleting what the
      // cache holds is as fast as writing it was, and what the collector finds gone it skips.
      policies.remove(seg);
      forget(seg);
      return UpdateControl.noUpdate();
    }
    if (seg.isMarkedForDeletion()) {
      return deleting(seg, ctx);
    }
    metrics.reconcileStarted();
    ResourceID id = ResourceID.fromResource(seg);
    Conclusion known = conclusions.get(id);
    List<String> read = context.namespacesRead(seg);
    String inputs = context.inputs(seg, read, false);
    if (known != null
        && known.inputs().equals(inputs)
        && !judgedOnATimer(seg)
        && Finalizers.held(seg) == known.finalizer()
        && StatusFactory.sameIgnoringTransitionTimes(seg.getStatus(), known.status())) {
      // The same inputs conclude the same, and the status says it already.
      metrics.unchanged(false);
      metrics.concluded(id, known.ready(), known.stalled());
      return UpdateControl.noUpdate();
    }
    String lasting = context.inputs(seg, read, true);
    Outcome outcome =
        (conclusions.firstSinceStart(id)
                ? unchangedSinceStatus(seg, lasting)
                : Optional.<Outcome>empty())
            .orElseGet(() -> outcome(seg, ctx));
    Reason reason = outcome.reason();
    metrics.concluded(id, reason.ready(), reason.stalled());
    AppSegmentationStatus status = statuses.build(seg, outcome);
    // A digest that moved alone is not written: it changes nothing a reader acts on (the next
    // restart then judges this app once more).
    status.setInputsDigest(lasting);
    conclusions.put(
        id,
        new Conclusion(
            inputs, status, reason.ready(), reason.stalled(), finalizerAfter(seg, outcome)));
    if (statusPatch(seg, outcome, status)) {
      statusWriter.write(seg, intent(seg, status), ctx);
    }
    UpdateControl<AppSegmentation> control = UpdateControl.noUpdate();
    return judgedOnATimer(seg) ? control.rescheduleAfter(FLOW_INTERVAL) : control;
  }

  /** Observed flows arrive without an event: an Audit-mode app with a flow source is re-judged. */
  private boolean judgedOnATimer(AppSegmentation seg) {
    return flows != null && seg.getSpec().getMode() == Mode.Audit;
  }

  /**
   * The first reconcile after a restart keeps the status an earlier process wrote when it still
   * answers: the same generation, an applied plan (Ready reason Reconciled or FlowBlocked), the
   * same lasting inputs (namespaces' facts, policies no app owns, CNPs, build) and the plan in
   * place, so neither the self-check nor the judgement is done again. What apps own is left out of
   * that digest because a running operator makes or sees every change to it: a write by another app
   * re-judges this one ({@link Conclusions#contextChanged}), and this app's own policies are
   * compared with the plan here.
   */
  private Optional<Outcome> unchangedSinceStatus(AppSegmentation seg, String lasting) {
    AppSegmentationStatus status = seg.getStatus();
    Condition ready = StatusFactory.find(status, StatusFactory.READY);
    if (ready == null
        || !lasting.equals(status.getInputsDigest())
        || !seg.getMetadata().getGeneration().equals(status.getObservedGeneration())
        || !APPLIED.contains(ready.getReason())) {
      return Optional.empty();
    }
    Plan plan;
    try {
      plan =
          planner.plan(seg, namespaces.facts(Grants.tierNamespaces(seg)), context.isolation(seg));
    } catch (InvalidSpecException e) {
      return Optional.empty();
    }
    if (plan.mode() != Mode.Enforce
        || Finalizers.held(seg) != placesElsewhere(seg, plan)
        || !Grants.missing(plan, namespaces.facts(plan.namespaces())).isEmpty()
        || !policies.preview(seg, plan).writesNothing()) {
      return Optional.empty();
    }
    Reason reason = Reason.valueOf(ready.getReason());
    Condition exposed = StatusFactory.find(status, StatusFactory.EXPOSED);
    metrics.judged(
        ResourceID.fromResource(seg),
        reason == Reason.FlowBlocked,
        exposed != null && StatusFactory.TRUE.equals(exposed.getStatus()));
    metrics.unchanged(true);
    // No gaps: the status keeps the last judgement's, as for any outcome that was not judged.
    return Optional.of(new Outcome(reason, ready.getMessage(), plan));
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
  private Outcome outcome(AppSegmentation seg, Context<AppSegmentation> ctx) {
    Isolation isolation = context.isolation(seg);
    Outcome outcome = outcome(seg, isolation, ctx);
    if (outcome.reason() != Reason.FlowBlocked) {
      return outcome;
    }
    Isolation now = context.isolation(seg);
    return now.equals(isolation) ? outcome : outcome(seg, now, ctx);
  }

  private Outcome outcome(AppSegmentation seg, Isolation isolation, Context<AppSegmentation> ctx) {
    Map<String, NamespaceFacts> facts = namespaces.facts(Grants.tierNamespaces(seg));
    String planInputs = planInputs(seg, facts, isolation);
    Plan plan;
    try {
      plan = planner.plan(seg, facts, isolation);
    } catch (InvalidSpecException e) {
      // Fail static: no write, no retry; the next spec change (new generation) reconciles again.
      return Outcome.invalidSpec(e.errors());
    }
    if (plan.mode() == Mode.Audit) {
      return verificationFailure(seg, plan, isolation, planInputs)
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
    // InvalidSpec); done while the plan's dry runs are in flight. The judgement in context reads
    // the plan and what others have in force, never what the apply step writes
    // (ContextCheck.inPlace), so once the plan passed it runs on another core while the writes go.
    AtomicReference<Future<List<Gap>>> judging = new AtomicReference<>();
    Outcome applied =
        applied(
            seg,
            plan,
            ctx,
            () -> {
              Optional<Outcome> failure = verificationFailure(seg, plan, isolation, planInputs);
              if (failure.isEmpty()) {
                // A copy: the finalizer's write updates the app's metadata meanwhile.
                AppSegmentation app = Judging.copyOf(seg);
                judging.set(Judging.start(() -> judged(app, plan)));
              }
              return failure;
            });
    return inContext(seg, applied, judging.get());
  }

  /**
   * What the planner reads, as it reads it: the app, its generation, its tier namespaces' facts and
   * the meaning of what others isolate there (not their names: a neighbour's new default-deny over
   * the same pods plans alike).
   */
  private static String planInputs(
      AppSegmentation seg, Map<String, NamespaceFacts> facts, Isolation isolation) {
    InputDigest digest =
        new InputDigest()
            .add(seg.getMetadata().getUid())
            .add(seg.getMetadata().getNamespace())
            .add(seg.getMetadata().getName())
            .add(seg.getMetadata().getGeneration());
    new TreeMap<>(facts)
        .forEach((name, f) -> digest.add(name).add(f.labels()).add(f.annotations()));
    return digest.add(isolation.meaning()).hex();
  }

  /**
   * The self-check's failure, if any. A plan from the plan inputs of the last plan that passed it
   * passes: the planner is a pure function of those inputs, and the check reads the spec, the plan
   * and the meaning of what others isolate. Only the digest is kept, not the plan (a plan per app
   * was a fifth of the heap at 5,000 policies); planning again costs less than the check.
   */
  private Optional<Outcome> verificationFailure(
      AppSegmentation seg, Plan plan, Isolation isolation, String planInputs) {
    ResourceID id = ResourceID.fromResource(seg);
    if (conclusions.verified().get(id, planInputs).isPresent()) {
      return Optional.empty();
    }
    Optional<Outcome> failure = verificationFailure(seg, plan, isolation);
    if (failure.isEmpty()) {
      conclusions.verified().put(id, planInputs, Boolean.TRUE);
    } else {
      conclusions.verified().forget(id);
    }
    return failure;
  }

  /**
   * Audit: what Enforce would write, and which declared connections it would change, judged from
   * the same caches as an applied plan.
   */
  private Outcome audited(AppSegmentation seg, Plan plan) {
    PlanDifference difference = policies.preview(seg, plan);
    Changes changes;
    try {
      changes = check.changes(seg, plan, context.cluster(context.judgedNamespaces(seg)));
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
  private Outcome inContext(AppSegmentation seg, Outcome applied, Future<List<Gap>> judging) {
    if (applied.reason() != Reason.Reconciled) {
      return applied;
    }
    List<Gap> gaps;
    try {
      gaps = Judging.await(judging);
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

  /**
   * The judgement in context, or the last one's when it found no gap and what it reads means the
   * same ({@link ContextView#meaning}): a neighbour's policies over the same pods with the same
   * rules allow and deny what the ones there already do. A judgement with gaps is not kept: the
   * gaps name the objects responsible, which a meaning leaves out.
   */
  private List<Gap> judged(AppSegmentation seg, Plan plan) {
    ResourceID id = ResourceID.fromResource(seg);
    List<String> read = context.judgedNamespaces(seg);
    String meaning = context.meaning(seg, plan, read);
    Optional<List<Gap>> kept = conclusions.judgements().get(id, meaning);
    if (kept.isPresent()) {
      return kept.get();
    }
    List<Gap> gaps = check.check(seg, plan, context.cluster(read));
    if (gaps.isEmpty()) {
      conclusions.judgements().put(id, meaning, gaps);
    } else {
      conclusions.judgements().forget(id);
    }
    return gaps;
  }

  /** With a flow source, the observed flows that this Audit-mode plan would deny once enforced. */
  private Outcome traffic(AppSegmentation seg, Plan plan, Outcome audited) {
    if (flows == null) {
      return audited;
    }
    try {
      FlowAudit.Report report =
          flows.judge(seg, plan, context.cluster(context.judgedNamespaces(seg)));
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
    Outcome failed = Outcome.applyFailed(String.valueOf(e.getMessage()));
    AppSegmentationStatus status = statuses.build(seg, failed);
    return statusPatch(seg, failed, status)
        ? ErrorStatusUpdateControl.patchStatus(forStatusPatch(seg, status))
        : ErrorStatusUpdateControl.noStatusUpdate();
  }

  /**
   * The app is being deleted: with our finalizer, its policies go first (those in its own namespace
   * too, so that deletion is the same without a garbage collector), then the finalizer.
   */
  private UpdateControl<AppSegmentation> deleting(
      AppSegmentation seg, Context<AppSegmentation> ctx) {
    if (Finalizers.held(seg)) {
      policies.remove(seg);
      forget(seg);
      finalizers.remove(seg, ctx);
    }
    return UpdateControl.noUpdate();
  }

  /**
   * The plan applied once {@code verified} passes, with the finalizer where it is needed: added
   * before the first write outside the own namespace, removed once the plan has nothing there and
   * the apply step pruned the rest.
   */
  private Outcome applied(
      AppSegmentation seg,
      Plan plan,
      Context<AppSegmentation> ctx,
      Supplier<Optional<Outcome>> verified) {
    boolean elsewhere = placesElsewhere(seg, plan);
    ApplyResult result =
        policies.apply(
            seg,
            plan,
            () -> {
              Optional<Outcome> failure = verified.get();
              if (failure.isEmpty() && elsewhere && !Finalizers.held(seg)) {
                finalizers.add(seg, ctx);
              }
              return failure;
            });
    if (!elsewhere && Finalizers.held(seg) && result instanceof ApplyResult.Applied) {
      finalizers.remove(seg, ctx);
    }
    return result.outcome(plan);
  }

  /**
   * Whether the app holds our finalizer after a reconcile with this outcome ({@link #applied}): one
   * that reached the apply step added it for policies elsewhere, and removed it for none there once
   * applied; any other kept it as it was.
   */
  private static boolean finalizerAfter(AppSegmentation seg, Outcome outcome) {
    if (!REACHED_APPLY.contains(outcome.reason())) {
      return Finalizers.held(seg);
    }
    return placesElsewhere(seg, outcome.plan())
        || Finalizers.held(seg) && !APPLIED.contains(outcome.reason().name());
  }

  /** Policies outside the own namespace: what the finalizer is for. */
  private static boolean placesElsewhere(AppSegmentation seg, Plan plan) {
    return plan.namespaces().stream().anyMatch(ns -> !ns.equals(seg.getMetadata().getNamespace()));
  }

  private void forget(AppSegmentation seg) {
    verifier.forget(seg);
    conclusions.forget(ResourceID.fromResource(seg));
    context.forget(seg);
  }

  /**
   * Whether {@code status} (built from {@code outcome}) differs from the stored one, and so is to
   * be written; one Warning event per new problem (a new Ready reason or message) and per new
   * exposure (Exposed turning True, or naming something else).
   */
  private boolean statusPatch(AppSegmentation seg, Outcome outcome, AppSegmentationStatus status) {
    if (StatusFactory.sameIgnoringTransitionTimes(seg.getStatus(), status)) {
      return false;
    }
    if (!outcome.reason().ready() && StatusFactory.readyChanged(seg.getStatus(), status)) {
      events.problem(seg, outcome.reason(), outcome.message());
    }
    if (StatusFactory.exposureNews(seg.getStatus(), status)) {
      events.record(
          seg, EventReason.Exposed, StatusFactory.find(status, StatusFactory.EXPOSED).getMessage());
    }
    return true;
  }

  /**
   * For JOSDK's error-status patch: with SSA the intent; the JSON-patch path used without SSA diffs
   * against the cached object, so it gets that object with the new status.
   */
  private AppSegmentation forStatusPatch(AppSegmentation seg, AppSegmentationStatus status) {
    if (!serverSideApply) {
      seg.setStatus(status);
      return seg;
    }
    return intent(seg, status);
  }

  /** What we manage of the app, as SSA needs it fully specified: name, namespace and the status. */
  private static AppSegmentation intent(AppSegmentation seg, AppSegmentationStatus status) {
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
