package io.appseg.operator.status;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AppSegmentationStatus;
import io.appseg.plan.Plan;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one place that builds an AppSegmentation's status: observedGeneration, the Ready / Reconciling / Stalled
 * conditions in metav1.Condition shape, and the plan summary. lastTransitionTime moves only when a condition's
 * status flips, so a quiet reconcile builds a status equal to the stored one.
 */
public final class StatusFactory {
  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";
  public static final String TRUE = "True";
  public static final String FALSE = "False";

  private final Clock clock;

  public StatusFactory(Clock clock) {
    this.clock = clock;
  }

  public AppSegmentationStatus build(AppSegmentation seg, Outcome outcome) {
    AppSegmentationStatus previous = seg.getStatus();
    AppSegmentationStatus status = new AppSegmentationStatus();
    Long generation = seg.getMetadata().getGeneration();
    status.setObservedGeneration(generation);
    copyPlan(status, outcome.plan(), previous);
    List<Condition> conditions = new ArrayList<>();
    Reason r = outcome.reason();
    conditions.add(condition(READY, r.ready(), r, outcome.message(), generation, previous));
    conditions.add(condition(RECONCILING, r.reconciling(), r, outcome.message(), generation, previous));
    conditions.add(condition(STALLED, r.stalled(), r, outcome.message(), generation, previous));
    status.setConditions(conditions);
    return status;
  }

  /** Equal apart from lastTransitionTime: the test for "nothing to write". */
  public static boolean sameIgnoringTransitionTimes(AppSegmentationStatus a, AppSegmentationStatus b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Objects.equals(withoutTimes(a), withoutTimes(b));
  }

  /** Ready=True for the current generation: the status answers the spec as it is now. */
  public static boolean readyNow(AppSegmentation seg) {
    Condition ready = find(seg.getStatus(), READY);
    return ready != null && TRUE.equals(ready.getStatus()) && observedNow(seg);
  }

  /** Ready because this very generation's plan is applied (not audited): later writes repair drift. */
  public static boolean reconciledNow(AppSegmentation seg) {
    return readyNow(seg) && Reason.Reconciled.name().equals(find(seg.getStatus(), READY).getReason());
  }

  /** True when the Ready reason or message of {@code now} differs from {@code before}: a new problem or news. */
  public static boolean readyChanged(AppSegmentationStatus before, AppSegmentationStatus now) {
    Condition was = find(before, READY);
    Condition is = find(now, READY);
    return was == null || !is.getReason().equals(was.getReason()) || !is.getMessage().equals(was.getMessage());
  }

  /** A condition's status value for a boolean. */
  public static String status(boolean isTrue) {
    return isTrue ? TRUE : FALSE;
  }

  /** The condition of that type, or null. */
  public static Condition find(AppSegmentationStatus status, String type) {
    if (status == null || status.getConditions() == null) {
      return null;
    }
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  /** A plan is reported when there is one; otherwise (invalid spec, apply failure) the last one stays. */
  private static void copyPlan(AppSegmentationStatus status, Plan plan, AppSegmentationStatus previous) {
    if (plan != null) {
      status.setMode(plan.mode().name());
      status.setTiers(plan.tiers());
      status.setPolicies(plan.policies().size());
      status.setNamespaces(new ArrayList<>(plan.namespaces()));
      status.setGenerated(new ArrayList<>(plan.generated()));
    } else if (previous != null) {
      status.setMode(previous.getMode());
      status.setTiers(previous.getTiers());
      status.setPolicies(previous.getPolicies());
      status.setNamespaces(previous.getNamespaces());
      status.setGenerated(previous.getGenerated());
    }
  }

  private Condition condition(String type, boolean isTrue, Reason reason, String message, Long generation,
      AppSegmentationStatus previous) {
    String value = status(isTrue);
    Condition old = find(previous, type);
    String since = old != null && value.equals(old.getStatus()) && old.getLastTransitionTime() != null
        ? old.getLastTransitionTime() : now();
    return new ConditionBuilder().withType(type).withStatus(value).withReason(reason.name())
        // The outcome's message describes all three conditions.
        .withMessage(message).withObservedGeneration(generation)
        .withLastTransitionTime(since).build();
  }

  private static boolean observedNow(AppSegmentation seg) {
    Long observed = seg.getStatus().getObservedGeneration();
    return observed != null && observed.equals(seg.getMetadata().getGeneration());
  }

  private String now() {
    return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
  }

  private static AppSegmentationStatus withoutTimes(AppSegmentationStatus s) {
    AppSegmentationStatus copy = new AppSegmentationStatus();
    copy.setObservedGeneration(s.getObservedGeneration());
    copy.setMode(s.getMode());
    copy.setTiers(s.getTiers());
    copy.setPolicies(s.getPolicies());
    copy.setNamespaces(s.getNamespaces());
    copy.setGenerated(s.getGenerated());
    copy.setConditions(s.getConditions() == null ? null : s.getConditions().stream()
        .map(c -> new ConditionBuilder(c).withLastTransitionTime(null).build()).toList());
    return copy;
  }
}
