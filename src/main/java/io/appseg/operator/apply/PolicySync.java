package io.appseg.operator.apply;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.kube.LabelSelectors;
import io.appseg.operator.apply.ApplyResult.Applied;
import io.appseg.operator.apply.ApplyResult.Conflict;
import io.appseg.operator.apply.ApplyResult.Held;
import io.appseg.operator.apply.ApplyResult.Rejected;
import io.appseg.operator.apply.PolicyApply.BeforeWrites;
import io.appseg.operator.apply.Requests.Answer;
import io.appseg.operator.events.EventReason;
import io.appseg.operator.events.EventRecorder;
import io.appseg.operator.metrics.OperatorMetrics;
import io.appseg.operator.status.Outcome;
import io.appseg.plan.Labels;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link PolicyDiff} so that no moment of the transition denies a connection that both the
 * old and the new plan allow (P12, safe transitions):
 *
 * <ol>
 *   <li>the whole set of creates and updates is first sent as a server-side dry run: a refusal by
 *       the schema, an admission webhook, a ValidatingAdmissionPolicy or a quota writes nothing at
 *       all;
 *   <li>a default-deny that leaves the plan, or loses a direction, goes first: removing isolation
 *       only widens, and the new plan's narrower allows may rely on its absence (a tier that stops
 *       denying egress has its egress rules dropped, which the old default-deny would turn into a
 *       cut);
 *   <li>allow (tier and peer) policies are created or updated, in place, before any default-deny is
 *       created or tightened, so isolation never arrives before the rules that admit the declared
 *       traffic;
 *   <li>allows that left the plan go last, once nothing isolates what they admitted; so does a
 *       default-deny that a written one replaces (same namespace, every pod it selected, at least
 *       its directions): a rename creates the new name before the old one goes, and isolation never
 *       lapses.
 * </ol>
 *
 * Each of these is one step, and a step's requests go out together ({@link Requests}, a few in
 * flight): the dry runs of the whole plan, then each step's deletes or writes once the step before
 * is answered in full. Every dry run is answered, and answered OK, and the caller's checks ({@link
 * BeforeWrites}, done while the dry runs are in flight) have passed before the first real write.
 *
 * <p>Reports what it really wrote as events, logs and metrics; an empty diff does nothing at all.
 */
final class PolicySync {
  private static final Logger LOG = LoggerFactory.getLogger(PolicySync.class);
  private final PolicyWriter writer;
  private final BiConsumer<NetworkPolicy, NetworkPolicy> remember;
  private final ServerAnswers answers;
  private final EventRecorder events;
  private final OperatorMetrics metrics;

  /** A name the cache had free is held by an object this AppSegmentation does not own. */
  private static final class ConflictException extends RuntimeException {
    ConflictException(NetworkPolicy desired) {
      super(describe(desired));
    }
  }

  /** The API server refused a generated policy as such: retrying the same spec cannot succeed. */
  private static final class RejectedException extends RuntimeException {
    RejectedException(String message) {
      super(message);
    }
  }

  /**
   * @param remember told of each write (the object stored, the one replaced or null), so the cache
   *     holds it before its watch event arrives
   */
  PolicySync(
      PolicyWriter writer,
      BiConsumer<NetworkPolicy, NetworkPolicy> remember,
      ServerAnswers answers,
      EventRecorder events,
      OperatorMetrics metrics) {
    this.writer = writer;
    this.remember = remember;
    this.answers = answers;
    this.events = events;
    this.metrics = metrics;
  }

  /**
   * The server's remembered rejection of a policy this diff would write again unchanged, if any.
   */
  Optional<String> knownRejection(PolicyDiff diff) {
    return writes(diff).stream()
        .map(np -> answers.rejection(np).map(m -> describe(np) + ": " + m))
        .flatMap(Optional::stream)
        .findFirst();
  }

  /**
   * @param drift true when the AppSegmentation was already converged for this generation: every
   *     write then restores an object someone else edited or deleted
   */
  ApplyResult apply(AppSegmentation seg, PolicyDiff diff, boolean drift, BeforeWrites before) {
    List<List<Write>> steps = steps(diff);
    List<Write> writes = steps.stream().flatMap(List::stream).toList();
    long start = System.nanoTime();
    Requests.Pending<Write> dryRuns = Requests.start(writes, this::dryRun);
    Optional<Outcome> held;
    List<Answer<Write>> answered;
    try {
      held = before.check();
    } finally {
      answered = dryRuns.answers(); // even a failed check returns once nothing is in flight
    }
    if (held.isPresent()) {
      return new Held(held.get());
    }
    try {
      throwFirst(answered);
    } catch (RejectedException e) {
      return new Rejected(e.getMessage(), List.of());
    } catch (ConflictException e) {
      metrics.conflict();
      return new Conflict(List.of(e.getMessage()));
    }
    LOG.debug("{} dry runs answered in {} ms", writes.size(), millisSince(start));
    List<NetworkPolicy> replaced = replacedDenies(diff, writes);
    deleteAll(diff.deletes().stream().filter(np -> isDefaultDeny(np) && !replaced.contains(np)));
    List<Write> written = new ArrayList<>();
    try {
      for (List<Write> step : steps) {
        write(step, written);
      }
    } catch (RejectedException e) {
      // Fail static: the old policies stay, nothing is pruned.
      return new Rejected(e.getMessage(), describeWrites(written));
    } finally {
      reportWritten(seg, written, drift);
    }
    LOG.debug("{} writes in {} ms since the first dry run", written.size(), millisSince(start));
    deleteAll(replaced.stream());
    deleteAll(diff.deletes().stream().filter(np -> !isDefaultDeny(np)));
    return new Applied(
        describeWrites(written), reportPruned(seg, diff), drift && !written.isEmpty());
  }

  /**
   * One ordering step, its writes sent together; what the server stored is remembered and counted
   * as written (in the plan's order) before the step's first failure is thrown, and no later step
   * starts.
   */
  private void write(List<Write> step, List<Write> written) {
    List<Answer<NetworkPolicy>> answers = Requests.all(step, w -> write(w.desired(), w::send));
    for (int i = 0; i < step.size(); i++) {
      if (answers.get(i).failure() == null) {
        remember.accept(answers.get(i).value(), step.get(i).actual());
        written.add(step.get(i));
      }
    }
    throwFirst(answers);
  }

  private void deleteAll(Stream<NetworkPolicy> policies) {
    throwFirst(
        Requests.all(
            policies.toList(),
            np -> {
              delete(np);
              return np;
            }));
  }

  /** The first failure in the plan's order, so that a result does not depend on timing. */
  private static void throwFirst(List<? extends Answer<?>> answers) {
    answers.stream()
        .map(Answer::failure)
        .filter(Objects::nonNull)
        .findFirst()
        .ifPresent(
            e -> {
              throw e;
            });
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** A create ({@code actual} null) or an in-place update. */
  private record Write(NetworkPolicy desired, NetworkPolicy actual, PolicyWriter writer) {
    NetworkPolicy send(NetworkPolicy policy) {
      return actual == null ? writer.create(policy) : writer.update(policy, actual);
    }
  }

  /**
   * The ordering steps: default-denies that only lose directions, then allows, then the other
   * default-denies; within each, the plan's order (creates, then updates).
   */
  private List<List<Write>> steps(PolicyDiff diff) {
    List<Write> all = new ArrayList<>();
    diff.creates().forEach(np -> all.add(new Write(np, null, writer)));
    diff.updates().forEach(u -> all.add(new Write(u.desired(), u.actual(), writer)));
    return List.of(
        all.stream().filter(PolicySync::loosensADeny).toList(),
        all.stream().filter(w -> !isDefaultDeny(w.desired())).toList(),
        all.stream().filter(w -> isDefaultDeny(w.desired()) && !loosensADeny(w)).toList());
  }

  /** An update of a default-deny that keeps none of the directions it did not isolate before. */
  private static boolean loosensADeny(Write w) {
    return isDefaultDeny(w.desired())
        && w.actual() != null
        && w.actual()
            .getSpec()
            .getPolicyTypes()
            .containsAll(w.desired().getSpec().getPolicyTypes());
  }

  /** Leaving default-denies whose isolation one of the writes keeps: pruned after the writes. */
  private static List<NetworkPolicy> replacedDenies(PolicyDiff diff, List<Write> writes) {
    return diff.deletes().stream()
        .filter(PolicySync::isDefaultDeny)
        .filter(old -> writes.stream().anyMatch(w -> keepsIsolation(w.desired(), old)))
        .toList();
  }

  private static boolean keepsIsolation(NetworkPolicy deny, NetworkPolicy old) {
    return isDefaultDeny(deny)
        && deny.getMetadata().getNamespace().equals(old.getMetadata().getNamespace())
        && LabelSelectors.selectsEveryPodOf(
            deny.getSpec().getPodSelector(), old.getSpec().getPodSelector())
        && deny.getSpec().getPolicyTypes().containsAll(old.getSpec().getPolicyTypes());
  }

  /** Default-denies first, then the allows they made necessary. */
  static List<NetworkPolicy> pruneOrder(List<NetworkPolicy> deletes) {
    List<NetworkPolicy> ordered =
        new ArrayList<>(deletes.stream().filter(PolicySync::isDefaultDeny).toList());
    ordered.addAll(deletes.stream().filter(np -> !isDefaultDeny(np)).toList());
    return ordered;
  }

  private static boolean isDefaultDeny(NetworkPolicy np) {
    Map<String, String> labels = np.getMetadata().getLabels();
    return labels != null && Labels.ROLE_DEFAULT_DENY.equals(labels.get(Labels.COMPONENT));
  }

  /**
   * For a create, the server's answer replaces a read of the name (P4, docs/design.md): a 409 means
   * another manager holds fields we would set, and an answer naming another field manager means the
   * object exists and is not ours, even where its fields equal ours.
   */
  private Write dryRun(Write w) {
    NetworkPolicy answer;
    try {
      answer = w.writer().dryRun(w.desired(), w.actual());
    } catch (KubernetesClientException e) {
      if (w.actual() == null && e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        throw new ConflictException(w.desired());
      }
      throw rejectedOrRethrow(w.desired(), e);
    }
    if (w.actual() == null && answer != null && managedByOthers(answer)) {
      throw new ConflictException(w.desired());
    }
    return w;
  }

  private static boolean managedByOthers(NetworkPolicy answer) {
    List<ManagedFieldsEntry> managers = answer.getMetadata().getManagedFields();
    return managers != null
        && managers.stream().anyMatch(m -> !Labels.MANAGER.equals(m.getManager()));
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
      throw rejectedOrRethrow(desired, e);
    }
  }

  /**
   * A refusal of the object itself is remembered and stops the apply; anything else is retried by
   * JOSDK.
   */
  private RuntimeException rejectedOrRethrow(NetworkPolicy desired, KubernetesClientException e) {
    if (!isRejection(e)) {
      return e;
    }
    String message =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getMessage();
    answers.rejected(desired, message);
    return new RejectedException(describe(desired) + ": " + message);
  }

  /**
   * Invalid (422) and bad request (400) are about the object itself; anything else may pass on a
   * retry.
   */
  private static boolean isRejection(KubernetesClientException e) {
    return e.getCode() == 400 || e.getCode() == 422;
  }

  private static List<NetworkPolicy> writes(PolicyDiff diff) {
    List<NetworkPolicy> all = new ArrayList<>(diff.creates());
    diff.updates().forEach(u -> all.add(u.desired()));
    return all;
  }

  /**
   * Counts what the server stored, not what was planned: a write that failed half-way reports its
   * half.
   */
  private void reportWritten(AppSegmentation seg, List<Write> writes, boolean drift) {
    List<String> written = describeWrites(writes);
    if (!written.isEmpty() && drift) {
      metrics.driftCorrected(written.size());
      LOG.info("restored drifted NetworkPolicies {}", written);
      events.record(
          seg,
          EventReason.DriftCorrected,
          "restored NetworkPolicies changed or deleted outside the "
              + "operator: "
              + String.join(", ", written));
    } else if (!written.isEmpty()) {
      long created = writes.stream().filter(w -> w.actual() == null).count();
      LOG.info("applied NetworkPolicies {}", written);
      events.record(
          seg,
          EventReason.Applied,
          "created "
              + created
              + ", updated "
              + (writes.size() - created)
              + " NetworkPolicies: "
              + String.join(", ", written));
    }
  }

  private static List<String> describeWrites(List<Write> writes) {
    return writes.stream().map(w -> describe(w.desired())).toList();
  }

  private List<String> reportPruned(AppSegmentation seg, PolicyDiff diff) {
    List<String> pruned = describe(diff.deletes());
    if (!pruned.isEmpty()) {
      LOG.info("pruned NetworkPolicies {}", pruned);
      events.record(
          seg,
          EventReason.Pruned,
          "deleted NetworkPolicies no longer in the plan: " + String.join(", ", pruned));
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
