package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.operator.apply.PolicyDiff;
import io.appseg.operator.apply.PolicyWriter;
import io.appseg.operator.events.EventRecorder;
import io.appseg.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link PolicyDiff}: creates and updates first, prunes last, so the new rules are in place before old
 * ones go. Reports what it did as events, logs and metrics; an empty diff does nothing at all.
 */
final class PolicySync {
  private static final Logger LOG = LoggerFactory.getLogger(PolicySync.class);
  private final PolicyWriter writer;
  private final ClusterView cluster;
  private final EventRecorder events;
  private final OperatorMetrics metrics;

  PolicySync(PolicyWriter writer, ClusterView cluster, EventRecorder events, OperatorMetrics metrics) {
    this.writer = writer;
    this.cluster = cluster;
    this.events = events;
    this.metrics = metrics;
  }

  /**
   * @param drift true when the AppSegmentation was already converged for this generation: every write then
   *     restores an object someone else edited or deleted
   */
  void apply(AppSegmentation seg, PolicyDiff diff, boolean drift) {
    List<String> written = new ArrayList<>();
    for (NetworkPolicy np : diff.creates()) {
      cluster.remember(writer.create(np), null);
      written.add(describe(np));
    }
    for (PolicyDiff.Update u : diff.updates()) {
      cluster.remember(writer.update(u.desired(), u.actual()), u.actual());
      written.add(describe(u.desired()));
    }
    diff.deletes().forEach(this::delete);
    report(seg, diff, written, drift);
  }

  void delete(NetworkPolicy owned) {
    writer.delete(owned);
  }

  private void report(AppSegmentation seg, PolicyDiff diff, List<String> written, boolean drift) {
    if (!written.isEmpty() && drift) {
      metrics.driftCorrected(written.size());
      LOG.info("restored drifted NetworkPolicies {}", written);
      events.warning(seg, "DriftCorrected", "restored NetworkPolicies changed or deleted outside the operator: "
          + String.join(", ", written));
    } else if (!written.isEmpty()) {
      LOG.info("applied NetworkPolicies {}", written);
      events.normal(seg, "Applied", "created " + diff.creates().size() + ", updated " + diff.updates().size()
          + " NetworkPolicies: " + String.join(", ", written));
    }
    if (!diff.deletes().isEmpty()) {
      List<String> pruned = diff.deletes().stream().map(PolicySync::describe).toList();
      LOG.info("pruned NetworkPolicies {}", pruned);
      events.normal(seg, "Pruned", "deleted NetworkPolicies no longer in the plan: " + String.join(", ", pruned));
    }
  }

  static String describe(NetworkPolicy np) {
    return np.getMetadata().getNamespace() + "/" + np.getMetadata().getName();
  }
}
