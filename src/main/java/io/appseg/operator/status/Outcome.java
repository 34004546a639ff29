package io.appseg.operator.status;

import io.appseg.plan.Plan;
import io.appseg.verify.VerificationResult;
import io.appseg.plan.SpecError;
import java.util.List;
import java.util.stream.Collectors;

/** The result of one reconcile: a reason, a human message and the plan when there is one. */
public record Outcome(Reason reason, String message, Plan plan) {
  private static final int MISMATCHES_IN_MESSAGE = 3;

  public static Outcome reconciled(Plan plan) {
    return new Outcome(Reason.Reconciled, plan.policies().size() + " NetworkPolicies applied in "
        + String.join(", ", plan.namespaces()), plan);
  }

  public static Outcome auditOnly(Plan plan) {
    return new Outcome(Reason.AuditOnly, "Audit mode: " + plan.policies().size()
        + " NetworkPolicies planned, none written", plan);
  }

  public static Outcome invalidSpec(List<SpecError> errors) {
    return new Outcome(Reason.InvalidSpec, errors.stream().map(SpecError::toString).collect(Collectors.joining("; "))
        + "; the last applied policies are kept", null);
  }

  /** Like an invalid spec, the wrong plan is neither written nor reported: the last applied policies stay. */
  public static Outcome verificationFailed(VerificationResult result) {
    return new Outcome(Reason.VerificationFailed, "the planned NetworkPolicies do not match the spec: "
        + result.summary(MISMATCHES_IN_MESSAGE) + "; nothing was written, the last applied policies are kept", null);
  }

  public static Outcome notGranted(Plan plan, List<String> namespaces) {
    return new Outcome(Reason.NamespaceNotGranted, "namespace" + (namespaces.size() > 1 ? "s " : " ")
        + String.join(", ", namespaces) + " must grant " + plan.segNamespace() + " with annotation "
        + io.appseg.plan.Labels.GRANT_ANNOTATION + "; nothing was written", plan);
  }

  public static Outcome conflict(Plan plan, List<String> foreignObjects) {
    return new Outcome(Reason.Conflict, "NetworkPolicies not owned by this AppSegmentation already use generated "
        + "names: " + String.join(", ", foreignObjects) + "; nothing was written", plan);
  }

  public static Outcome applyRejected(Plan plan, String rejection) {
    return new Outcome(Reason.ApplyRejected, "the API server rejected " + rejection
        + "; the last applied policies are kept until the spec or the server changes", plan);
  }

  public static Outcome applyFailed(String message) {
    return new Outcome(Reason.ApplyFailed, "applying the plan failed, retrying: " + message, null);
  }
}
