package io.appseg.operator.apply;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.operator.apply.ApplyResult.Conflict;
import io.appseg.operator.apply.ApplyResult.Rejected;
import io.appseg.operator.events.EventRecorder;
import io.appseg.operator.metrics.OperatorMetrics;
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
import java.util.function.BiConsumer;
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

  ClusterPolicyApply(PolicyWriter writer, EventRecorder events, OperatorMetrics metrics) {
    this.cache = new PolicyCache();
    this.sync = new PolicySync(writer, cache::remember, answers, events, metrics);
    this.metrics = metrics;
  }

  @Override
  public PlanDifference preview(AppSegmentation seg, Plan plan) {
    PolicyDiff diff = diff(seg, DesiredPolicies.of(plan, seg));
    return new PlanDifference(
        PolicySync.describe(diff.creates()),
        diff.updates().stream().map(u -> PolicySync.describe(u.desired())).toList(),
        PolicySync.describe(diff.deletes()),
        PolicySync.describe(diff.conflicts()));
  }

  private PolicyDiff diff(AppSegmentation seg, List<NetworkPolicy> desired) {
    return PolicyDiff.compute(
        desired, cache.owned(seg), cache::byName, np -> isOwned(seg, np), answers);
  }

  @Override
  public ApplyResult apply(AppSegmentation seg, Plan plan) {
    List<NetworkPolicy> desired = DesiredPolicies.of(plan, seg);
    PolicyDiff diff = diff(seg, desired);
    if (!diff.conflicts().isEmpty()) {
      metrics.conflict();
      return new Conflict(PolicySync.describe(diff.conflicts()));
    }
    // Fail static without a retry storm: a spec the server refused is not sent again until it
    // changes.
    Optional<String> rejection = sync.knownRejection(diff);
    if (rejection.isPresent()) {
      return new Rejected(rejection.get(), List.of());
    }
    ApplyResult result = sync.apply(seg, diff, convergence.converged(seg));
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
  public List<NetworkPolicy> policiesIn(Collection<String> namespaces) {
    return cache.in(namespaces);
  }

  @Override
  public EventSource<NetworkPolicy, AppSegmentation> eventSource(
      EventSourceContext<AppSegmentation> ctx,
      BiConsumer<String, Set<ResourceID>> namespaceChanged) {
    return cache.eventSource(ctx, namespaceChanged);
  }

  private static boolean isOwned(AppSegmentation seg, NetworkPolicy np) {
    return Labels.ownedBy(
        np.getMetadata().getLabels(),
        seg.getMetadata().getNamespace(),
        seg.getMetadata().getName());
  }
}
