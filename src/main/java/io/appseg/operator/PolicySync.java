package io.appseg.operator;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.operator.apply.PolicyDiff;
import io.appseg.operator.apply.PolicyWriter;
import io.appseg.operator.apply.ServerAnswers;
import io.appseg.operator.events.EventRecorder;
import io.appseg.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
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
  private final ServerAnswers answers = new ServerAnswers();

  /** The API server refused a generated policy as such: retrying the same spec cannot succeed. */
  static final class RejectedException extends RuntimeException {
    RejectedException(String message) {
      super(message);
    }
  }

  PolicySync(PolicyWriter writer, ClusterView cluster, EventRecorder events, OperatorMetrics metrics) {
    this.writer = writer;
    this.cluster = cluster;
    this.events = events;
    this.metrics = metrics;
  }

  /** What the server answered to our earlier writes; {@link io.appseg.operator.apply.PolicyDiff} reads it. */
  ServerAnswers answers() {
    return answers;
  }

  /** The server's remembered rejection of a policy this diff would write again unchanged, if any. */
  Optional<String> knownRejection(PolicyDiff diff) {
    return writes(diff).stream().map(np -> answers.rejection(np).map(m -> describe(np) + ": " + m))
        .flatMap(Optional::stream).findFirst();
  }

  /**
   * @param drift true when the AppSegmentation was already converged for this generation: every write then
   *     restores an object someone else edited or deleted
   */
  void apply(AppSegmentation seg, PolicyDiff diff, boolean drift) {
    List<String> written = new ArrayList<>();
    try {
      for (NetworkPolicy np : diff.creates()) {
        cluster.remember(write(np, writer::create), null);
        written.add(describe(np));
      }
      for (PolicyDiff.Update u : diff.updates()) {
        cluster.remember(write(u.desired(), d -> writer.update(d, u.actual())), u.actual());
        written.add(describe(u.desired()));
      }
    } finally {
      reportWritten(seg, diff, written, drift);
    }
    // Prune only once everything new is in place (a rejection above keeps the old policies: fail static).
    diff.deletes().forEach(this::delete);
    reportPruned(seg, diff);
  }

  void delete(NetworkPolicy owned) {
    writer.delete(owned);
    answers.forget(owned);
  }

  private NetworkPolicy write(NetworkPolicy desired, UnaryOperator<NetworkPolicy> send) {
    try {
      NetworkPolicy stored = send.apply(desired);
      answers.accepted(desired, stored);
      return stored;
    } catch (KubernetesClientException e) {
      if (!isRejection(e)) {
        throw e;
      }
      String message = e.getStatus() != null && e.getStatus().getMessage() != null
          ? e.getStatus().getMessage() : e.getMessage();
      answers.rejected(desired, message);
      throw new RejectedException(describe(desired) + ": " + message);
    }
  }

  /** Invalid (422) and bad request (400) are about the object itself; anything else may pass on a retry. */
  static boolean isRejection(KubernetesClientException e) {
    return e.getCode() == 400 || e.getCode() == 422;
  }

  private static List<NetworkPolicy> writes(PolicyDiff diff) {
    List<NetworkPolicy> all = new ArrayList<>(diff.creates());
    diff.updates().forEach(u -> all.add(u.desired()));
    return all;
  }

  private void reportWritten(AppSegmentation seg, PolicyDiff diff, List<String> written, boolean drift) {
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
  }

  private void reportPruned(AppSegmentation seg, PolicyDiff diff) {
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
