package io.appseg.plan;

import io.appseg.api.v1alpha1.AppSegmentation;

/**
 * Desired state as a pure function: an AppSegmentation (plus cluster defaults) in, the exact ordered
 * NetworkPolicies out. No client calls; the same input always gives byte-identical output.
 */
public final class Planner {
  private final PlanDefaults defaults;

  public Planner(PlanDefaults defaults) {
    this.defaults = defaults;
  }

  /** Validates the spec (all errors at once) and plans it. */
  public Plan plan(AppSegmentation seg) throws InvalidSpecException {
    throw new UnsupportedOperationException("in progress");
  }
}
