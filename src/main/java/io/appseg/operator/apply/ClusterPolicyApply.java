package io.appseg.operator.apply;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.operator.apply.ApplyResult.Conflict;
import io.appseg.operator.apply.ApplyResult.Held;
import io.appseg.operator.apply.ApplyResult.Rejected;
import io.appseg.operator.events.EventReason;
import io.appseg.operator.events.EventRecorder;
import io.appseg.operator.metrics.OperatorMetrics;
import io.appseg.operator.status.Outcome;
import io.appseg.plan.Labels;
import io.appseg.plan.Plan;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apply step on a cluster: stamps the plan ({@link DesiredPolicies}), diffs it against the
 * cache ({@link PolicyDiff}), refuses conflicts and known rejections before any write, then lets
 * {@link PolicySync} write. The memories it keeps (server answers, applied generations) live only
 * as long as the process.
 */
final class ClusterPolicyApply implements PolicyApply {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterPolicyApply.class);
  private final PolicyCache cache;
  private final PolicySync sync;
  private final OperatorMetrics metrics;
  private final ServerAnswers answers = new ServerAnswers();
  private final Convergence convergence = new Convergence();
  private final EventRecorder events;

  /** Foreign objects labelled for an app, by app UID and object UID: each is told once. */
  private final Set<String> toldForeign = ConcurrentHashMap.newKeySet();

  ClusterPolicyApply(PolicyWriter writer, EventRecorder events, OperatorMetrics metrics) {
    this.cache = new PolicyCache();
    this.sync = new PolicySync(writer, cache::remember, answers, events, metrics);
    this.metrics = metrics;
    this.events = events;
  }

  @Override
  public PlanDifference preview(AppSegmentation seg, Plan plan) {
    return PlanDifference.of(diff(seg, DesiredPolicies.of(plan, seg)));
  }

  private PolicyDiff diff(AppSegmentation seg, List<NetworkPolicy> desired) {
    return PolicyDiff.compute(
        desired, cache.owned(seg), cache::byName, np -> Ownership.owns(seg, np), answers);
  }

  @Override
  public ApplyResult apply(AppSegmentation seg, Plan plan, BeforeWrites before) {
    List<NetworkPolicy> desired = DesiredPolicies.of(plan, seg);
    PolicyDiff diff = diff(seg, desired);
    tellForeign(seg, diff);
    // Fail static without a retry storm: a spec the server refused is not sent again until it
    // changes.
    Optional<String> rejection = sync.knownRejection(diff);
    if (!diff.conflicts().isEmpty() || rejection.isPresent()) {
      // Nothing is sent, but what the check would say comes first, as when nothing conflicts.
      Optional<Outcome> held = before.check();
      if (held.isPresent()) {
        return new Held(held.get());
      }
      if (rejection.isEmpty()) {
        metrics.conflict();
        return new Conflict(PolicySync.describe(diff.conflicts()));
      }
      return new Rejected(rejection.get(), List.of());
    }
    ApplyResult result = sync.apply(seg, diff, convergence.converged(seg), before);
    if (result instanceof ApplyResult.Applied) {
      convergence.applied(seg);
      metrics.managed(ResourceID.fromResource(seg), desired.size());
    }
    return result;
  }

  @Override
  public void remove(AppSegmentation seg) {
    // The cache is enough: it holds every policy, ours from the moment we wrote them (remember).
    List<NetworkPolicy> owned = cache.owned(seg);
    PolicySync.pruneOrder(owned).forEach(sync::delete); // the default-deny first, as in any prune
    metrics.forget(ResourceID.fromResource(seg));
    convergence.forget(seg);
    LOG.info("removed {} NetworkPolicies of deleted AppSegmentation", owned.size());
  }

  @Override
  public void withdraw(AppSegmentation seg, Collection<String> namespaces) {
    List<NetworkPolicy> there =
        PolicySync.pruneOrder(
            cache.owned(seg).stream()
                .filter(np -> namespaces.contains(np.getMetadata().getNamespace()))
                .toList());
    if (there.isEmpty()) {
      return;
    }
    there.forEach(sync::delete);
    List<String> removed = PolicySync.describe(there);
    LOG.info("removed NetworkPolicies {} from namespaces that revoked their grant", removed);
    events.record(
        seg,
        EventReason.Withdrawn,
        "removed NetworkPolicies from namespaces that no longer grant this namespace: "
            + String.join(", ", removed));
  }

  /**
   * One Warning per foreign object carrying the app's labels but not holding a generated name (a
   * holder is a Conflict instead): such an object is never adopted, changed or pruned.
   */
  private void tellForeign(AppSegmentation seg, PolicyDiff diff) {
    Set<ResourceID> conflicting =
        diff.conflicts().stream().map(ResourceID::fromResource).collect(Collectors.toSet());
    for (NetworkPolicy np : cache.labelled(seg)) {
      if (Ownership.impostor(seg, np)
          && !conflicting.contains(ResourceID.fromResource(np))
          && toldForeign.add(seg.getMetadata().getUid() + "/" + np.getMetadata().getUid())) {
        events.record(
            seg,
            EventReason.ForeignLabelled,
            "NetworkPolicy "
                + PolicySync.describe(np)
                + " carries this app's labels but not its owner UID "
                + Labels.SEGMENTATION_UID
                + "; it is not the app's and is left untouched");
      }
    }
  }

  @Override
  public List<NetworkPolicy> policiesIn(Collection<String> namespaces) {
    return cache.in(namespaces);
  }

  @Override
  public EventSource<NetworkPolicy, AppSegmentation> eventSource(
      EventSourceContext<AppSegmentation> ctx,
      BiConsumer<String, Set<ResourceID>> namespaceChanged) {
    return cache.eventSource(ctx, namespaceChanged);
  }
}
