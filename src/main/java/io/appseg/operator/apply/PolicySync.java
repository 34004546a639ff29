package io.appseg.operator.apply;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.operator.apply.ApplyResult.Applied;
import io.appseg.operator.apply.ApplyResult.Rejected;
import io.appseg.operator.events.EventReason;
import io.appseg.operator.events.EventRecorder;
import io.appseg.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
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
  private final BiConsumer<NetworkPolicy, NetworkPolicy> remember;
  private final ServerAnswers answers;
  private final EventRecorder events;
  private final OperatorMetrics metrics;

  /** The API server refused a generated policy as such: retrying the same spec cannot succeed. */
  private static final class RejectedException extends RuntimeException {
    RejectedException(String message) {
      super(message);
    }
  }

  /**
   * @param remember told of each write (the object stored, the one replaced or null), so the cache holds it before
   *     its watch event arrives
   */
  PolicySync(PolicyWriter writer, BiConsumer<NetworkPolicy, NetworkPolicy> remember, ServerAnswers answers,
      EventRecorder events, OperatorMetrics metrics) {
    this.writer = writer;
    this.remember = remember;
    this.answers = answers;
    this.events = events;
    this.metrics = metrics;
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
  ApplyResult apply(AppSegmentation seg, PolicyDiff diff, boolean drift) {
    List<String> written = new ArrayList<>();
    try {
      for (NetworkPolicy np : diff.creates()) {
        remember.accept(write(np, writer::create), null);
        written.add(describe(np));
      }
      for (PolicyDiff.Update u : diff.updates()) {
        remember.accept(write(u.desired(), d -> writer.update(d, u.actual())), u.actual());
        written.add(describe(u.desired()));
      }
    } catch (RejectedException e) {
      // Fail static: the old policies stay, nothing is pruned.
      return new Rejected(e.getMessage(), written);
    } finally {
      reportWritten(seg, diff, written, drift);
    }
    // Prune only once everything new is in place.
    diff.deletes().forEach(this::delete);
    return new Applied(written, reportPruned(seg, diff), drift && !written.isEmpty());
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

  /**
   * Invalid (422) and bad request (400) are about the object itself; so is server-side apply's "field not
   * declared in schema", which 1.20 returns as a 500 for fields newer than the server (NetworkPolicy endPort).
   */
  private static boolean isRejection(KubernetesClientException e) {
    String message = e.getStatus() == null ? null : e.getStatus().getMessage();
    return e.getCode() == 400 || e.getCode() == 422
        || (message != null && message.contains("field not declared in schema"));
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
      events.record(seg, EventReason.DriftCorrected, "restored NetworkPolicies changed or deleted outside the "
          + "operator: " + String.join(", ", written));
    } else if (!written.isEmpty()) {
      LOG.info("applied NetworkPolicies {}", written);
      events.record(seg, EventReason.Applied, "created " + diff.creates().size() + ", updated "
          + diff.updates().size() + " NetworkPolicies: " + String.join(", ", written));
    }
  }

  private List<String> reportPruned(AppSegmentation seg, PolicyDiff diff) {
    List<String> pruned = describe(diff.deletes());
    if (!pruned.isEmpty()) {
      LOG.info("pruned NetworkPolicies {}", pruned);
      events.record(seg, EventReason.Pruned, "deleted NetworkPolicies no longer in the plan: "
          + String.join(", ", pruned));
    }
    return pruned;
  }

  static List<String> describe(List<NetworkPolicy> policies) {
    return policies.stream().map(PolicySync::describe).toList();
  }

  static String describe(NetworkPolicy np) {
    return np.getMetadata().getNamespace() + "/" + np.getMetadata().getName();
  }
}
