package io.appseg.operator.events;

/**
 * Why the apply step recorded an event; each value fixes the event type, as a condition reason fixes the
 * conditions. A problem event is recorded with its condition reason instead, so both read the same.
 */
public enum EventReason {
  Applied(false),
  Pruned(false),
  /** Someone else edited or deleted a generated policy and the operator restored it. */
  DriftCorrected(true);

  private final boolean warning;

  EventReason(boolean warning) {
    this.warning = warning;
  }

  public boolean warning() {
    return warning;
  }
}
