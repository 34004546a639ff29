package io.appseg.operator.status;

/**
 * The reasons of the TrafficWouldBeDenied condition of an app in Audit mode: would its plan, once
 * enforced, deny traffic that was observed?
 */
public enum Traffic {
  /** Some observed flow to or from a tier would be denied by the plan in context. */
  WouldBeDenied,
  /** Every observed flow to or from a tier would still be allowed. */
  NoneWouldBeDenied,
  /**
   * No observed flow could be judged: the records name pods without their labels (CSV), and the
   * operator reads no pods to find them.
   */
  NotJudged
}
