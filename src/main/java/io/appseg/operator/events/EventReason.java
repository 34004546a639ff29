package io.appseg.operator.events;

/**
 * Why the operator recorded an event (the apply step, or the judgement in context); each value
 * fixes the event type, as a condition reason fixes the conditions. A problem event is recorded
 * with its condition reason instead, so both read the same.
 */
public enum EventReason {
  Applied(false),
  Pruned(false),
  /** Someone else edited or deleted a generated policy and the operator restored it. */
  DriftCorrected(true),
  /**
   * Something other than the plan now allows an undeclared connection to or from a tier (the
   * Exposed condition).
   */
  Exposed(true),
  /**
   * A NetworkPolicy carries the app's owner labels but no proof that it is the app's own (owner UID
   * or controller ownerReference): it is left untouched.
   */
  ForeignLabelled(true),
  /** The app's policies were removed from a namespace that revoked its grant. */
  Withdrawn(true),
  /** A policy whose owner no longer exists was removed (recorded on the policy itself). */
  OrphanRemoved(false);

  private final boolean warning;

  EventReason(boolean warning) {
    this.warning = warning;
  }

  public boolean warning() {
    return warning;
  }
}
