package io.appseg.operator.metrics;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operator's own meters (JOSDK adds its operator.sdk.* ones). No per-resource tags: cardinality
 * stays flat.
 */
public final class OperatorMetrics {
  private static final String WOULD_BE_DENIED = "appseg.flows.would.be.denied";

  private final MeterRegistry registry;
  private final Counter driftCorrections;
  private final Counter conflicts;
  private final Counter applyErrors;
  private final Counter verificationFailures;
  private final Counter reconciles;
  private final Counter orphansRemoved;
  private final Map<ResourceID, Integer> managed = new ConcurrentHashMap<>();
  private final Set<ResourceID> blocked = ConcurrentHashMap.newKeySet();
  private final Set<ResourceID> exposed = ConcurrentHashMap.newKeySet();
  private final Map<ResourceID, AtomicLong> wouldBeDenied = new ConcurrentHashMap<>();
  private final Set<ResourceID> notReady = ConcurrentHashMap.newKeySet();
  private final Set<ResourceID> stalled = ConcurrentHashMap.newKeySet();

  public OperatorMetrics(MeterRegistry registry) {
    this.registry = registry;
    driftCorrections =
        Counter.builder("appseg.drift.corrections")
            .description("Generated NetworkPolicies edited or deleted by someone else and restored")
            .register(registry);
    conflicts =
        Counter.builder("appseg.conflicts")
            .description(
                "Reconciles refused because a foreign NetworkPolicy holds a generated name")
            .register(registry);
    applyErrors =
        Counter.builder("appseg.apply.errors")
            .description("Reconciles that failed to apply a plan")
            .register(registry);
    verificationFailures =
        Counter.builder("appseg.verification.failures")
            .description(
                "Plans refused because they do not match their spec's intent (a planner bug)")
            .register(registry);
    reconciles =
        Counter.builder("appseg.reconciles").description("Reconciles started").register(registry);
    orphansRemoved =
        Counter.builder("appseg.orphans.removed")
            .description("Generated NetworkPolicies removed because their AppSegmentation is gone")
            .register(registry);
    Gauge.builder(
            "appseg.policies.managed",
            managed,
            m -> m.values().stream().mapToInt(Integer::intValue).sum())
        .description("NetworkPolicies currently managed (Enforce mode, applied)")
        .register(registry);
    Gauge.builder("appseg.apps.blocked", blocked, Set::size)
        .description(
            "AppSegmentations whose declared connections something else in the cluster denies")
        .register(registry);
    Gauge.builder("appseg.apps.exposed", exposed, Set::size)
        .description(
            "AppSegmentations whose tiers something else in the cluster opens to undeclared connections")
        .register(registry);
    Gauge.builder("appseg.apps.not.ready", notReady, Set::size)
        .description("AppSegmentations whose last reconcile did not end Ready")
        .register(registry);
    Gauge.builder("appseg.apps.stalled", stalled, Set::size)
        .description("AppSegmentations that wait for a person to act (Stalled=True)")
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void driftCorrected(int objects) {
    driftCorrections.increment(objects);
  }

  public void conflict() {
    conflicts.increment();
  }

  public void verificationFailed() {
    verificationFailures.increment();
  }

  public void applyFailed() {
    applyErrors.increment();
  }

  public void orphanRemoved() {
    orphansRemoved.increment();
  }

  public double orphansRemoved() {
    return orphansRemoved.count();
  }

  public void reconcileStarted() {
    reconciles.increment();
  }

  public void managed(ResourceID seg, int policies) {
    managed.put(seg, policies);
  }

  /**
   * The last judgement in context of an applied plan: does something deny it, does something widen
   * it?
   */
  public void judged(ResourceID seg, boolean isBlocked, boolean isExposed) {
    mark(blocked, seg, isBlocked);
    mark(exposed, seg, isExposed);
  }

  /**
   * Observed flows that an app in Audit mode would deny once enforced: one gauge per such app (the
   * only meter tagged by app, and only with a flow source configured), removed with the app.
   */
  public void wouldBeDenied(ResourceID seg, long flows) {
    wouldBeDenied
        .computeIfAbsent(
            seg,
            id -> {
              AtomicLong value = new AtomicLong();
              Gauge.builder(WOULD_BE_DENIED, value, AtomicLong::get)
                  .description(
                      "Observed flows the app's plan would deny once enforced (Audit mode)")
                  .tags("namespace", id.getNamespace().orElse(""), "name", id.getName())
                  .register(registry);
              return value;
            })
        .set(flows);
  }

  /** How the last reconcile of {@code seg} ended, for the apps-not-ready and stalled gauges. */
  public void concluded(ResourceID seg, boolean isReady, boolean isStalled) {
    mark(notReady, seg, !isReady);
    mark(stalled, seg, isStalled);
  }

  /** The app left Audit mode: what it would deny is no longer measured, so its gauge goes. */
  public void notAudited(ResourceID seg) {
    if (wouldBeDenied.remove(seg) != null) {
      Optional.ofNullable(
              registry
                  .find(WOULD_BE_DENIED)
                  .tags("namespace", seg.getNamespace().orElse(""), "name", seg.getName())
                  .gauge())
          .ifPresent(registry::remove);
    }
  }

  public void forget(ResourceID seg) {
    notAudited(seg);
    managed.remove(seg);
    blocked.remove(seg);
    exposed.remove(seg);
    notReady.remove(seg);
    stalled.remove(seg);
  }

  private static void mark(Set<ResourceID> set, ResourceID seg, boolean member) {
    if (member) {
      set.add(seg);
    } else {
      set.remove(seg);
    }
  }

  /** Total write requests of one kind (all methods): for tests and diagnostics. */
  public double writes(String kind) {
    return registry.find(WriteCountingInterceptor.METER).tag("kind", kind).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  /** Total write requests of every kind. */
  public double writes() {
    return registry.find(WriteCountingInterceptor.METER).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  public double driftCorrections() {
    return driftCorrections.count();
  }

  public double conflicts() {
    return conflicts.count();
  }

  public double exposedApps() {
    return exposed.size();
  }

  public double blockedApps() {
    return blocked.size();
  }

  public double reconciles() {
    return reconciles.count();
  }
}
