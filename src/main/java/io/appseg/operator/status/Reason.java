package io.appseg.operator.status;

/**
 * How a reconcile ended; each value fixes the three conditions. Stalled reasons need a human
 * (kstatus reads Stalled=True as Failed); ApplyFailed is retried, so it is Reconciling rather than
 * Stalled.
 */
public enum Reason {
  Reconciled(true, false, false),
  AuditOnly(true, false, false),
  InvalidSpec(false, false, true),
  Conflict(false, false, true),
  NamespaceNotGranted(false, false, true),
  /**
   * The plan failed the self-check against the spec's intent: a planner bug, so nothing is written.
   */
  VerificationFailed(false, false, true),
  /**
   * The self-check of this spec would cost more than its budget (PlanVerifier.BUDGET): nothing is
   * written, and only a simpler spec helps.
   */
  TooComplex(false, false, true),
  /**
   * The API server refuses a generated policy (e.g. a field it does not know): retrying cannot
   * help.
   */
  ApplyRejected(false, false, true),
  ApplyFailed(false, true, false),
  /**
   * The plan is applied, but something else in the cluster denies a declared connection. Stalled,
   * like a missing grant: only a change elsewhere (or of the spec) helps, and the operator
   * re-judges when that comes.
   */
  FlowBlocked(false, false, true);

  private final boolean ready;
  private final boolean reconciling;
  private final boolean stalled;

  Reason(boolean ready, boolean reconciling, boolean stalled) {
    this.ready = ready;
    this.reconciling = reconciling;
    this.stalled = stalled;
  }

  public boolean ready() {
    return ready;
  }

  public boolean reconciling() {
    return reconciling;
  }

  public boolean stalled() {
    return stalled;
  }
}
