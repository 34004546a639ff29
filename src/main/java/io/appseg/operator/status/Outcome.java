package io.appseg.operator.status;

import io.appseg.api.v1alpha1.AuditPreview;
import io.appseg.flows.FlowAudit;
import io.appseg.plan.Labels;
import io.appseg.plan.Plan;
import io.appseg.plan.SpecError;
import io.appseg.text.Words;
import io.appseg.verify.ContextCheck.Gap;
import io.appseg.verify.ContextCheck.Kind;
import io.appseg.verify.VerificationResult;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of one reconcile: a reason, a human message, the plan when there is one, the gaps of
 * the plan judged in the cluster (null when it was not judged: only an applied plan is), and in
 * Audit mode what enforcing would do and the observed flows its plan would deny (null otherwise,
 * and the flows also without a flow source).
 */
public record Outcome(
    Reason reason,
    String message,
    Plan plan,
    List<Gap> gaps,
    AuditPreview audit,
    FlowAudit.Report traffic) {
  private static final int MISMATCHES_IN_MESSAGE = 3;

  public Outcome(Reason reason, String message, Plan plan) {
    this(reason, message, plan, null, null, null);
  }

  public Outcome(Reason reason, String message, Plan plan, List<Gap> gaps) {
    this(reason, message, plan, gaps, null, null);
  }

  /** This Audit-mode outcome with the observed flows judged against its plan. */
  public Outcome withTraffic(FlowAudit.Report report) {
    return new Outcome(reason, message, plan, gaps, audit, report);
  }

  public static Outcome reconciled(Plan plan) {
    return new Outcome(
        Reason.Reconciled,
        Words.policies(plan.policies().size())
            + " applied in "
            + String.join(", ", plan.namespaces()),
        plan);
  }

  /**
   * This applied outcome judged in the cluster. A declared connection that something else denies
   * makes it FlowBlocked, and the plan stays applied: it is right, the context is at fault, and it
   * never opens more than declared. Undeclared openings leave the reason alone; they go to the
   * Exposed condition.
   */
  public Outcome judged(List<Gap> found) {
    List<Gap> denied = found.stream().filter(g -> g.kind() == Kind.DENIED).toList();
    if (denied.isEmpty()) {
      return new Outcome(reason, message, plan, List.copyOf(found));
    }
    return new Outcome(
        Reason.FlowBlocked,
        firstAndCount(denied, "denied connection") + "; the plan is applied",
        plan,
        List.copyOf(found));
  }

  /** The first gap and how many more: a message that stays short however many witnesses fail. */
  public static String firstAndCount(List<Gap> gaps, String what) {
    int more = gaps.size() - 1;
    return gaps.get(0)
        + (more == 0 ? "" : " (and " + more + " more " + what + (more == 1 ? ")" : "s)"));
  }

  /**
   * {@code difference}: what Enforce would write, compared with the cluster now (one line); {@code
   * audit}: the same and the connections it would change, for status.audit.
   */
  public static Outcome auditOnly(Plan plan, String difference, AuditPreview audit) {
    return new Outcome(
        Reason.AuditOnly,
        "Audit mode: "
            + Words.policies(plan.policies().size())
            + " planned, none written; "
            + difference,
        plan,
        null,
        audit,
        null);
  }

  public static Outcome invalidSpec(List<SpecError> errors) {
    return new Outcome(
        Reason.InvalidSpec,
        errors.stream().map(SpecError::toString).collect(Collectors.joining("; "))
            + "; the last applied policies are kept",
        null);
  }

  /**
   * Like an invalid spec, the wrong plan is neither written nor reported: the last applied policies
   * stay.
   */
  public static Outcome verificationFailed(VerificationResult result) {
    return new Outcome(
        Reason.VerificationFailed,
        "the planned NetworkPolicies do not match the spec: "
            + result.summary(MISMATCHES_IN_MESSAGE)
            + "; nothing was written, the last applied policies are kept",
        null);
  }

  /** Like a failed check, nothing is written: the spec costs more to verify than allowed. */
  public static Outcome tooComplex(VerificationResult result) {
    return new Outcome(
        Reason.TooComplex,
        result.summary(MISMATCHES_IN_MESSAGE)
            + "; nothing was written, the last applied policies are kept",
        null);
  }

  public static Outcome notGranted(Plan plan, List<String> namespaces) {
    return new Outcome(
        Reason.NamespaceNotGranted,
        "namespace"
            + (namespaces.size() > 1 ? "s " : " ")
            + String.join(", ", namespaces)
            + " must grant "
            + plan.segNamespace()
            + " with annotation "
            + Labels.GRANT_ANNOTATION
            + "; nothing was written",
        plan);
  }

  public static Outcome conflict(Plan plan, List<String> foreignObjects) {
    return new Outcome(
        Reason.Conflict,
        "NetworkPolicies not owned by this AppSegmentation already use generated "
            + "names: "
            + String.join(", ", foreignObjects)
            + "; nothing was written",
        plan);
  }

  public static Outcome applyRejected(Plan plan, String rejection) {
    return new Outcome(
        Reason.ApplyRejected,
        "the API server rejected "
            + rejection
            + "; the last applied policies are kept until the spec or the server changes",
        plan);
  }

  public static Outcome applyFailed(String message) {
    return new Outcome(Reason.ApplyFailed, "applying the plan failed, retrying: " + message, null);
  }
}
