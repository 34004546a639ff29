package io.appseg.operator.status;

import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.AppSegmentationStatus;
import io.appseg.api.v1alpha1.ContextGap;
import io.appseg.flows.FlowAudit;
import io.appseg.plan.Plan;
import io.appseg.verify.ContextCheck.Gap;
import io.appseg.verify.ContextCheck.Kind;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place that builds an AppSegmentation's status: observedGeneration, the Ready /
 * Reconciling / Stalled conditions in metav1.Condition shape, the plan summary, and, for a plan
 * judged in the cluster, the Exposed condition and a short list of the gaps. lastTransitionTime
 * moves only when a condition's status flips, so a quiet reconcile builds a status equal to the
 * stored one.
 */
public final class StatusFactory {
  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";
  public static final String EXPOSED = "Exposed";
  public static final String TRAFFIC_WOULD_BE_DENIED = "TrafficWouldBeDenied";
  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  /** Why flows named by pod only (CSV) are not judged here, and where they can be. */
  private static final String NOT_JUDGED_HINT =
      " (the operator reads no pods: record flows with Hubble or Calico, whose records carry the"
          + " labels, or audit the file with appseg audit --flows FILE --live)";

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
    conditions.add(
        condition(RECONCILING, r.reconciling(), r, outcome.message(), generation, previous));
    conditions.add(condition(STALLED, r.stalled(), r, outcome.message(), generation, previous));
    if (outcome.gaps() != null) {
      conditions.add(exposed(outcome.gaps(), generation, previous));
      copyGaps(status, outcome.gaps());
    } else if (previous != null) {
      // Not judged this time (the plan was not applied): the last judgement stays, with its
      // generation.
      Optional.ofNullable(find(previous, EXPOSED)).ifPresent(conditions::add);
      status.setGaps(previous.getGaps());
      status.setGapsOmitted(previous.getGapsOmitted());
    }
    if (outcome.traffic() != null) {
      conditions.add(traffic(outcome.traffic(), generation, previous));
    }
    status.setConditions(conditions);
    status.setAudit(outcome.audit());
    return status;
  }

  /**
   * Observed flows the plan would deny once enforced: the largest group named, the rest counted.
   */
  private Condition traffic(FlowAudit.Report r, Long generation, AppSegmentationStatus previous) {
    if (r.judged() == 0 && r.unlabelled() > 0) {
      return condition(
          TRAFFIC_WOULD_BE_DENIED,
          UNKNOWN,
          Traffic.NotJudged.name(),
          notJudged(r) + NOT_JUDGED_HINT,
          generation,
          previous);
    }
    String message;
    if (r.clean()) {
      message = "none of " + r.judged() + " observed flows to or from a tier would be denied";
    } else {
      FlowAudit.Denied top =
          r.denied().stream().max(Comparator.comparingLong(FlowAudit.Denied::observations)).get();
      int more = r.denied().size() - 1;
      message =
          r.deniedObservations()
              + " of "
              + r.judged()
              + " observed flows would be denied once enforced, most "
              + top.source()
              + " -> "
              + top.destination()
              + " "
              + top.port()
              + "/"
              + top.protocol()
              + " ("
              + top.observations()
              + "; fix: "
              + top.fix()
              + ")"
              + (more == 0 ? "" : " and " + more + " more group" + (more == 1 ? "" : "s"));
    }
    if (r.unlabelled() > 0) {
      message += "; " + notJudged(r) + NOT_JUDGED_HINT;
    }
    Traffic reason = r.clean() ? Traffic.NoneWouldBeDenied : Traffic.WouldBeDenied;
    return condition(
        TRAFFIC_WOULD_BE_DENIED, status(!r.clean()), reason.name(), message, generation, previous);
  }

  private static String notJudged(FlowAudit.Report r) {
    return r.unlabelled()
        + " observed flow"
        + (r.unlabelled() == 1 ? "" : "s")
        + " not judged: a pod named without its labels";
  }

  /**
   * True when {@code now} reports an exposure that {@code before} did not report in the same words.
   */
  public static boolean exposureNews(AppSegmentationStatus before, AppSegmentationStatus now) {
    Condition was = find(before, EXPOSED);
    Condition is = find(now, EXPOSED);
    return is != null
        && TRUE.equals(is.getStatus())
        && (was == null
            || !TRUE.equals(was.getStatus())
            || !is.getMessage().equals(was.getMessage()));
  }

  private Condition exposed(List<Gap> gaps, Long generation, AppSegmentationStatus previous) {
    List<Gap> exposed = gaps.stream().filter(g -> g.kind() == Kind.EXPOSED).toList();
    Exposure reason = exposed.isEmpty() ? Exposure.OnlyDeclaredAllowed : Exposure.UndeclaredAllowed;
    String message =
        exposed.isEmpty()
            ? "no undeclared connection to or from a tier is allowed"
            : Outcome.firstAndCount(exposed, "undeclared connection");
    return condition(EXPOSED, !exposed.isEmpty(), reason.name(), message, generation, previous);
  }

  /**
   * Denied gaps first (they make the app not Ready), then exposed ones, at most MAX_GAPS; the rest
   * counted.
   */
  private static void copyGaps(AppSegmentationStatus status, List<Gap> gaps) {
    if (gaps.isEmpty()) {
      return;
    }
    List<Gap> ordered = new ArrayList<>(gaps);
    ordered.sort(Comparator.comparing(g -> g.kind() == Kind.DENIED ? 0 : 1));
    int max = AppSegmentationStatus.MAX_GAPS;
    status.setGaps(ordered.stream().limit(max).map(StatusFactory::toStatus).toList());
    if (gaps.size() > max) {
      status.setGapsOmitted(gaps.size() - max);
    }
  }

  private static ContextGap toStatus(Gap g) {
    String kind = g.kind() == Kind.DENIED ? "Denied" : "Exposed";
    return new ContextGap(kind, g.connection(), g.declaredBy(), g.responsible());
  }

  /** Equal apart from lastTransitionTime: the test for "nothing to write". */
  public static boolean sameIgnoringTransitionTimes(
      AppSegmentationStatus a, AppSegmentationStatus b) {
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

  /**
   * Ready because this very generation's plan is applied (not audited): later writes repair drift.
   */
  public static boolean reconciledNow(AppSegmentation seg) {
    return readyNow(seg)
        && Reason.Reconciled.name().equals(find(seg.getStatus(), READY).getReason());
  }

  /**
   * True when the Ready reason or message of {@code now} differs from {@code before}: a new problem
   * or news.
   */
  public static boolean readyChanged(AppSegmentationStatus before, AppSegmentationStatus now) {
    Condition was = find(before, READY);
    Condition is = find(now, READY);
    return was == null
        || !is.getReason().equals(was.getReason())
        || !is.getMessage().equals(was.getMessage());
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
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  /**
   * A plan is reported when there is one; otherwise (invalid spec, apply failure) the last one
   * stays.
   */
  private static void copyPlan(
      AppSegmentationStatus status, Plan plan, AppSegmentationStatus previous) {
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

  private Condition condition(
      String type,
      boolean isTrue,
      Reason reason,
      String message,
      Long generation,
      AppSegmentationStatus previous) {
    return condition(type, isTrue, reason.name(), message, generation, previous);
  }

  private Condition condition(
      String type,
      boolean isTrue,
      String reason,
      String message,
      Long generation,
      AppSegmentationStatus previous) {
    return condition(type, status(isTrue), reason, message, generation, previous);
  }

  private Condition condition(
      String type,
      String value,
      String reason,
      String message,
      Long generation,
      AppSegmentationStatus previous) {
    Condition old = find(previous, type);
    String since =
        old != null && value.equals(old.getStatus()) && old.getLastTransitionTime() != null
            ? old.getLastTransitionTime()
            : now();
    return new ConditionBuilder()
        .withType(type)
        .withStatus(value)
        .withReason(reason)
        // The outcome's message describes all three conditions.
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(since)
        .build();
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
    copy.setGaps(s.getGaps());
    copy.setGapsOmitted(s.getGapsOmitted());
    copy.setAudit(s.getAudit());
    copy.setConditions(
        s.getConditions() == null
            ? null
            : s.getConditions().stream()
                .map(c -> new ConditionBuilder(c).withLastTransitionTime(null).build())
                .toList());
    return copy;
  }
}
